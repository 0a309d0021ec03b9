package main

// The steps of one experiment: init → select → inject → (duration | pause | delete) stop → recover → finalize.

import (
	"fmt"
	"slices"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func stamp() string { return time.Now().UTC().Format(time.RFC3339) }

func (c *controller) init(t *tracked) {
	c.mutate(t, func(x *unstructured.Unstructured) {
		if !slices.Contains(x.GetFinalizers(), finalizer) {
			x.SetFinalizers(append(x.GetFinalizers(), finalizer))
		}
	})
	c.event(t, "Normal", "FinalizerInited", "Finalizer has been inited", "finalizer")
	o := c.mutate(t, func(x *unstructured.Unstructured) {
		phase := "Run"
		if isPaused(x) {
			phase = "Stop"
		}
		x.Object["status"] = map[string]any{"conditions": []any{}, "experiment": map[string]any{"desiredPhase": phase, "containerRecords": []any{}}}
	})
	if o == nil {
		return
	}
	c.event(t, "Normal", "Started", "Experiment has started", "desiredphase")
	if d, ok := specDuration(o); ok && d > 0 && !isOneShot(o) {
		c.after(t, max(0, time.Until(o.GetCreationTimestamp().Add(d))), func() { c.stop(t, "TimeUp") }, "step")
	}
	c.after(t, 5*time.Millisecond, func() { c.selectTargets(t) }, "step")
}

func (c *controller) selectTargets(t *tracked) {
	o := c.get(t)
	if o == nil || t.deleting || (t.stopped && len(records(o)) > 0) {
		return
	}
	var picked []any
	if now().Injection != "select-nothing" {
		picked = selectRecords(c.pods, o)
	}
	if picked == nil {
		// no timed retry, as in Chaos Mesh: the object just sits there
		c.event(t, "Warning", "Failed", "Failed to select targets: no pod is selected", "records")
		return
	}
	c.mutate(t, func(x *unstructured.Unstructured) { experiment(x)["containerRecords"] = picked })
	if !isPaused(o) && !t.stopped {
		c.inject(t)
	}
}

func (c *controller) setPhase(t *tracked, phase string, ok bool, message string) *unstructured.Unstructured {
	return c.mutate(t, func(x *unstructured.Unstructured) {
		for _, r := range records(x) {
			r["phase"] = phase
			if phase == "Injected" {
				incr(r, "injectedCount")
			}
			typ := "Succeeded"
			if !ok {
				typ = "Failed"
			}
			addRecordEvent(r, typ, "Apply", message, stamp())
		}
	})
}

func (c *controller) inject(t *tracked) {
	b := now()
	if b.Injection == "never" {
		c.after(t, b.InjectDelay, func() {
			c.setPhase(t, "Not Injected", false, daemonError)
			c.event(t, "Warning", "Failed", "Failed to apply chaos: "+daemonError, "records")
		}, "inject")
		return
	}
	if o := c.get(t); o != nil && waitKinds[o.GetKind()] {
		c.after(t, b.InjectDelay/2, func() {
			c.mutate(t, func(x *unstructured.Unstructured) {
				for _, r := range records(x) {
					r["phase"] = "Not Injected/Wait"
				}
			})
		}, "inject")
	}
	c.after(t, b.InjectDelay, func() {
		cur := c.get(t)
		if cur == nil || desiredPhase(cur) != "Run" {
			return
		}
		c.podEffects(cur, "inject")
		c.setPhase(t, "Injected", true, "")
		for _, r := range records(cur) {
			c.event(t, "Normal", "Applied", fmt.Sprintf("Successfully apply chaos for %v", r["id"]), "records")
		}
	}, "inject")
}

func (c *controller) stop(t *tracked, reason string) {
	// selection still happens after a stop (records just stay Not Injected); injection does not
	c.cancelTimers(t, "inject")
	t.stopped = reason != "Paused" || t.stopped
	o := c.mutate(t, func(x *unstructured.Unstructured) { setDesiredPhase(x, "Stop") })
	if o == nil {
		return
	}
	messages := map[string]string{"TimeUp": "Time up according to the duration", "Deleted": "Experiment has been deleted", "Paused": "Experiment has been paused"}
	c.event(t, "Normal", reason, messages[reason], "desiredphase")
	if t.deleting && now().DeleteMode == "hang" {
		c.mutate(t, func(x *unstructured.Unstructured) {
			for _, r := range records(x) {
				addRecordEvent(r, "Failed", "Recover", daemonError, stamp())
			}
		})
		return
	}
	var injected []map[string]any
	for _, r := range records(o) {
		if r["phase"] != "Not Injected" {
			injected = append(injected, r)
		}
	}
	delay := time.Millisecond
	if len(injected) > 0 && !isOneShot(o) {
		delay = now().RecoverDelay
	}
	c.after(t, delay, func() {
		cur := c.get(t)
		if cur == nil {
			return
		}
		if len(injected) > 0 && !isOneShot(cur) {
			c.podEffects(cur, "recover")
		}
		c.mutate(t, func(x *unstructured.Unstructured) {
			for _, r := range records(x) {
				if r["phase"] == "Not Injected" {
					continue
				}
				r["phase"] = "Not Injected"
				incr(r, "recoveredCount")
				addRecordEvent(r, "Succeeded", "Recover", "", stamp())
			}
		})
		for _, r := range injected {
			c.event(t, "Normal", "Recovered", fmt.Sprintf("Successfully recover chaos for %v", r["id"]), "records")
		}
		if t.deleting {
			c.finalize(t, false)
		}
	}, "step")
}

// finalize: Chaos Mesh sets the finalizer list to empty (all of them); the apiserver then removes the object.
func (c *controller) finalize(t *tracked, forced bool) {
	if !forced && now().DeleteMode == "hang" {
		return
	}
	c.event(t, "Normal", "FinalizerInited", "Finalizer has been removed", "finalizer")
	c.mutate(t, func(x *unstructured.Unstructured) { x.SetFinalizers([]string{}) })
}
