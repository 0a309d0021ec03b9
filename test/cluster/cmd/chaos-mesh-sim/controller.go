package main

// The simulated chaos-controller-manager (a port of test/fake-kube/controller.ts): finalizer,
// desiredPhase, selection, injection, duration, pause, deletion with recovery. Every step is one
// Update of the chaos object through the real API server. All work runs on one goroutine (loop),
// so the state machine needs no locks, like its single-threaded TypeScript original.

import (
	"context"
	"log"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
)

type tracked struct {
	gvr      schema.GroupVersionResource
	ns, name string
	uid      types.UID
	timers   map[*time.Timer]string // "step" or "inject" (cancelled when the experiment stops)
	deleting bool
	stopped  bool
}

type controller struct {
	ctx     context.Context
	dyn     dynamic.Interface
	core    kubernetes.Interface
	pods    corelisters.PodLister
	loop    chan func()
	tracked map[types.UID]*tracked
}

func newController(ctx context.Context, dyn dynamic.Interface, core kubernetes.Interface, pods corelisters.PodLister) *controller {
	return &controller{ctx: ctx, dyn: dyn, core: core, pods: pods, loop: make(chan func(), 4096), tracked: map[types.UID]*tracked{}}
}

func (c *controller) run() {
	for {
		select {
		case f := <-c.loop:
			f()
		case <-c.ctx.Done():
			return
		}
	}
}

func (c *controller) post(f func()) {
	select {
	case c.loop <- f:
	case <-c.ctx.Done():
	}
}

// Informer callbacks (any goroutine): hand the event to the loop.
func (c *controller) onAdd(gvr schema.GroupVersionResource, o *unstructured.Unstructured) {
	c.post(func() {
		t := &tracked{gvr: gvr, ns: o.GetNamespace(), name: o.GetName(), uid: o.GetUID(), timers: map[*time.Timer]string{}}
		c.tracked[t.uid] = t
		if hasExperiment(o) {
			// seen before (the simulator restarted): carry on from its status instead of starting over
			t.stopped = desiredPhase(o) == "Stop"
			c.onModified(t, o, nil)
			return
		}
		c.after(t, 5*time.Millisecond, func() { c.init(t) }, "step")
	})
}

func (c *controller) onUpdate(prev, o *unstructured.Unstructured) {
	c.post(func() {
		if t := c.tracked[o.GetUID()]; t != nil {
			c.onModified(t, o, prev)
		}
	})
}

func (c *controller) onDelete(o *unstructured.Unstructured) {
	c.post(func() {
		if t := c.tracked[o.GetUID()]; t != nil {
			c.cancelTimers(t, "")
			delete(c.tracked, t.uid)
		}
	})
}

func (c *controller) after(t *tracked, d time.Duration, fn func(), tag string) {
	var timer *time.Timer
	timer = time.AfterFunc(d, func() {
		c.post(func() {
			if _, ok := t.timers[timer]; !ok {
				return // cancelled
			}
			delete(t.timers, timer)
			if c.tracked[t.uid] == t {
				fn()
			}
		})
	})
	t.timers[timer] = tag
}

func (c *controller) cancelTimers(t *tracked, only string) {
	for timer, tag := range t.timers {
		if only == "" || tag == only {
			timer.Stop()
			delete(t.timers, timer)
		}
	}
}

func (c *controller) get(t *tracked) *unstructured.Unstructured {
	o, err := c.dyn.Resource(t.gvr).Namespace(t.ns).Get(c.ctx, t.name, metav1.GetOptions{})
	if err != nil || o.GetUID() != t.uid {
		return nil
	}
	return o
}

// mutate is one controller Update: read fresh, apply fn, recompute conditions, write (retrying conflicts).
func (c *controller) mutate(t *tracked, fn func(*unstructured.Unstructured)) *unstructured.Unstructured {
	for attempt := 0; attempt < 10; attempt++ {
		cur := c.get(t)
		if cur == nil {
			return nil
		}
		fn(cur)
		if hasExperiment(cur) {
			cur.Object["status"].(map[string]any)["conditions"] = conditions(cur)
		}
		out, err := c.dyn.Resource(t.gvr).Namespace(t.ns).Update(c.ctx, cur, metav1.UpdateOptions{FieldManager: manager})
		if apierrors.IsConflict(err) {
			continue
		}
		if err != nil {
			if !apierrors.IsNotFound(err) && c.ctx.Err() == nil {
				log.Printf("chaos-mesh-sim: update %s %s/%s: %v", t.gvr.Resource, t.ns, t.name, err)
			}
			return nil
		}
		return out
	}
	log.Printf("chaos-mesh-sim: update %s %s/%s: still conflicting after 10 tries", t.gvr.Resource, t.ns, t.name)
	return nil
}

func (c *controller) onModified(t *tracked, o, prev *unstructured.Unstructured) {
	if o.GetDeletionTimestamp() != nil && o.GetAnnotations()[cleanFinalizer] == "forced" {
		c.cancelTimers(t, "")
		c.after(t, time.Millisecond, func() { c.finalize(t, true) }, "step")
		return
	}
	if o.GetDeletionTimestamp() != nil && !t.deleting {
		t.deleting = true
		c.after(t, 5*time.Millisecond, func() {
			if !t.stopped {
				c.stop(t, "Deleted")
				return
			}
			// already stopped (duration over): finalize now, or when the pending recovery completes
			if cur := c.get(t); cur != nil && allPhase(cur, "Not Injected") {
				c.finalize(t, false)
			}
		}, "step")
		return
	}
	if t.deleting || isOneShot(o) || isPaused(o) == isPaused(prev) || !hasExperiment(o) {
		return
	}
	if isPaused(o) {
		c.after(t, 5*time.Millisecond, func() { c.stop(t, "Paused") }, "step")
	} else if !t.stopped || !durationElapsed(o) {
		t.stopped = false
		c.after(t, 5*time.Millisecond, func() {
			c.mutate(t, func(x *unstructured.Unstructured) { setDesiredPhase(x, "Run") })
			c.inject(t)
		}, "step")
	}
}

func allPhase(o *unstructured.Unstructured, phase string) bool {
	for _, r := range records(o) {
		if r["phase"] != phase {
			return false
		}
	}
	return true
}

func specDuration(o *unstructured.Unstructured) (time.Duration, bool) {
	s, ok, _ := unstructured.NestedString(o.Object, "spec", "duration")
	if !ok {
		return 0, false
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}

func durationElapsed(o *unstructured.Unstructured) bool {
	d, ok := specDuration(o)
	return ok && !o.GetCreationTimestamp().Add(d).After(time.Now())
}
