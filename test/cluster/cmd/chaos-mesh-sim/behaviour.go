package main

// Failure modes, switchable at runtime by tests through the ConfigMap chaos-mesh/chaos-mesh-sim.

import (
	"context"
	"fmt"
	"log"
	"strconv"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

type behaviour struct {
	Injection    string // normal | never (selected, never injected) | select-nothing
	DeleteMode   string // normal | hang (deleted objects stay Terminating)
	InjectDelay  time.Duration
	RecoverDelay time.Duration
	PodRestart   time.Duration // how long a restarted or failed-then-recovered pod stays not Ready
}

var defaults = behaviour{Injection: "normal", DeleteMode: "normal", InjectDelay: 100 * time.Millisecond, RecoverDelay: 100 * time.Millisecond, PodRestart: 300 * time.Millisecond}

var current atomic.Pointer[behaviour]

func init() { b := defaults; current.Store(&b) }

func now() behaviour { return *current.Load() }

// setBehaviour reads the ConfigMap (nil: defaults); unknown or bad values keep the default, logged.
func setBehaviour(cm *corev1.ConfigMap) {
	b := defaults
	var data map[string]string
	if cm != nil {
		data = cm.Data
	}
	pick := func(key string, allowed ...string) string {
		v, ok := data[key]
		if !ok {
			return ""
		}
		for _, a := range allowed {
			if v == a {
				return v
			}
		}
		log.Printf("chaos-mesh-sim: %s=%q is not one of %v; using the default", key, v, allowed)
		return ""
	}
	ms := func(key string, def time.Duration) time.Duration {
		v, ok := data[key]
		if !ok {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			log.Printf("chaos-mesh-sim: %s=%q is not a number of milliseconds; using the default", key, v)
			return def
		}
		return time.Duration(n) * time.Millisecond
	}
	if v := pick("injection", "normal", "never", "select-nothing"); v != "" {
		b.Injection = v
	}
	if v := pick("deleteMode", "normal", "hang"); v != "" {
		b.DeleteMode = v
	}
	b.InjectDelay = ms("injectDelayMs", b.InjectDelay)
	b.RecoverDelay = ms("recoverDelayMs", b.RecoverDelay)
	b.PodRestart = ms("podRestartMs", b.PodRestart)
	current.Store(&b)
	log.Printf("chaos-mesh-sim: behaviour %+v", b)
}

// ack tells tests which version of the behaviour ConfigMap is in force: <name>-status.data.observed
// holds its resourceVersion, so a test can wait for its change to be seen before it goes on.
func ack(ctx context.Context, core kubernetes.Interface, cm *corev1.ConfigMap) {
	cms := core.CoreV1().ConfigMaps(cm.Namespace)
	data := map[string]string{"observed": cm.ResourceVersion, "behaviour": fmt.Sprintf("%+v", now())}
	status := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: cm.Name + "-status", Namespace: cm.Namespace}, Data: data}
	_, err := cms.Update(ctx, status, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) {
		_, err = cms.Create(ctx, status, metav1.CreateOptions{})
	}
	if err != nil && ctx.Err() == nil {
		log.Printf("chaos-mesh-sim: ack behaviour: %v", err)
	}
}
