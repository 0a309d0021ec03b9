package main

// What the simulated daemon does to pods, and the core/v1 Events Chaos Mesh's recorder writes.

import (
	"crypto/rand"
	"encoding/hex"
	"log"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"

	"chaos.test/cluster/internal/podstatus"
)

func (c *controller) event(t *tracked, typ, reason, message, component string) {
	o := c.get(t)
	if o == nil {
		return
	}
	suffix := make([]byte, 8)
	_, _ = rand.Read(suffix)
	now := metav1.Now()
	ev := &corev1.Event{
		ObjectMeta: metav1.ObjectMeta{Name: o.GetName() + "." + hex.EncodeToString(suffix), Namespace: o.GetNamespace()},
		InvolvedObject: corev1.ObjectReference{
			Kind: o.GetKind(), Namespace: o.GetNamespace(), Name: o.GetName(), UID: o.GetUID(),
			APIVersion: o.GetAPIVersion(), ResourceVersion: o.GetResourceVersion(),
		},
		Reason: reason, Message: message, Type: typ, Count: 1,
		Source:         corev1.EventSource{Component: component},
		FirstTimestamp: now, LastTimestamp: now,
	}
	if _, err := c.core.CoreV1().Events(o.GetNamespace()).Create(c.ctx, ev, metav1.CreateOptions{}); err != nil && c.ctx.Err() == nil {
		log.Printf("chaos-mesh-sim: event %s on %s/%s: %v", reason, o.GetNamespace(), o.GetName(), err)
	}
}

// podEffects: pod-kill deletes the pods (their ReplicaSet replaces them), container-kill restarts
// them, pod-failure keeps them not Ready until recovery.
func (c *controller) podEffects(o *unstructured.Unstructured, what string) {
	action, _, _ := unstructured.NestedString(o.Object, "spec", "action")
	if o.GetKind() != "PodChaos" {
		return
	}
	grace, _, _ := unstructured.NestedInt64(o.Object, "spec", "gracePeriod")
	seen := map[string]bool{}
	for _, r := range records(o) {
		id, _ := r["id"].(string)
		parts := strings.Split(id, "/")
		if len(parts) < 2 || seen[parts[0]+"/"+parts[1]] {
			continue
		}
		seen[parts[0]+"/"+parts[1]] = true
		ns, name := parts[0], parts[1]
		switch {
		case what == "inject" && action == "pod-kill":
			err := c.core.CoreV1().Pods(ns).Delete(c.ctx, name, metav1.DeleteOptions{GracePeriodSeconds: ptr.To(grace)})
			if err != nil && !apierrors.IsNotFound(err) {
				log.Printf("chaos-mesh-sim: kill pod %s/%s: %v", ns, name, err)
			}
		case what == "inject" && action == "container-kill":
			c.restart(ns, name, true)
		case what == "inject" && action == "pod-failure":
			c.setPod(ns, name, func(p *corev1.Pod) { podstatus.SetReady(p, false) })
		case what == "recover" && action == "pod-failure":
			c.restart(ns, name, true)
		}
	}
}

// restart: not Ready now, Ready again after podRestartMs (a restarted container).
func (c *controller) restart(ns, name string, countRestart bool) {
	uid := c.setPod(ns, name, func(p *corev1.Pod) {
		for i := range p.Status.ContainerStatuses {
			if countRestart {
				p.Status.ContainerStatuses[i].RestartCount++
			}
		}
		podstatus.SetReady(p, false)
	})
	if uid == "" {
		return
	}
	time.AfterFunc(now().PodRestart, func() {
		c.post(func() {
			c.setPodIf(ns, name, uid, func(p *corev1.Pod) { podstatus.SetReady(p, true) })
		})
	})
}

func (c *controller) setPod(ns, name string, fn func(*corev1.Pod)) string {
	return c.setPodIf(ns, name, "", fn)
}

// setPodIf writes the status of the pod (only the one with that UID, when given); returns its UID.
func (c *controller) setPodIf(ns, name, uid string, fn func(*corev1.Pod)) string {
	pods := c.core.CoreV1().Pods(ns)
	var got string
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		p, err := pods.Get(c.ctx, name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		if (uid != "" && string(p.UID) != uid) || p.DeletionTimestamp != nil {
			return nil
		}
		fn(p)
		if _, err := pods.UpdateStatus(c.ctx, p, metav1.UpdateOptions{FieldManager: "chaos-daemon"}); err != nil {
			return err
		}
		got = string(p.UID)
		return nil
	})
	if err != nil && !apierrors.IsNotFound(err) {
		log.Printf("chaos-mesh-sim: pod %s/%s: %v", ns, name, err)
	}
	return got
}
