package main

// Chaos Mesh 2.8 status vocabulary (api/v1alpha1), as the simulated controller writes it.

import (
	"slices"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

const (
	finalizer      = "chaos-mesh/records"
	pauseKey       = "experiment.chaos-mesh.org/pause"
	cleanFinalizer = "chaos-mesh.chaos-mesh.org/cleanFinalizer"
	manager        = "chaos-controller-manager"
	daemonError    = `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.244.0.250:31767: connect: connection refused"`
)

// waitKinds pass through "Not Injected/Wait" while their per-pod helper objects sync.
var waitKinds = map[string]bool{"NetworkChaos": true, "IOChaos": true, "HTTPChaos": true}

// containerKinds get one record per container rather than per pod.
var containerKinds = map[string]bool{"StressChaos": true, "IOChaos": true, "TimeChaos": true, "DNSChaos": true}

func isOneShot(o *unstructured.Unstructured) bool {
	action, _, _ := unstructured.NestedString(o.Object, "spec", "action")
	return o.GetKind() == "PodChaos" && (action == "pod-kill" || action == "container-kill")
}

func isPaused(o *unstructured.Unstructured) bool {
	return o != nil && o.GetAnnotations()[pauseKey] == "true"
}

// hasExperiment: the controller has started the experiment (set its desiredPhase). Chaos Mesh's mutating
// webhook already writes an empty status.experiment on create, so its mere presence says nothing.
func hasExperiment(o *unstructured.Unstructured) bool {
	phase, found, _ := unstructured.NestedString(o.Object, "status", "experiment", "desiredPhase")
	return found && phase != ""
}

// records returns status.experiment.containerRecords (live maps: editing them edits o).
func records(o *unstructured.Unstructured) []map[string]any {
	exp, _ := o.Object["status"].(map[string]any)
	if exp == nil {
		return nil
	}
	e, _ := exp["experiment"].(map[string]any)
	if e == nil {
		return nil
	}
	list, _ := e["containerRecords"].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, r := range list {
		if m, ok := r.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func experiment(o *unstructured.Unstructured) map[string]any {
	status, _ := o.Object["status"].(map[string]any)
	if status == nil {
		status = map[string]any{"conditions": []any{}}
		o.Object["status"] = status
	}
	e, _ := status["experiment"].(map[string]any)
	if e == nil {
		e = map[string]any{"containerRecords": []any{}}
		status["experiment"] = e
	}
	return e
}

func desiredPhase(o *unstructured.Unstructured) string {
	s, _, _ := unstructured.NestedString(o.Object, "status", "experiment", "desiredPhase")
	return s
}

func setDesiredPhase(o *unstructured.Unstructured, phase string) {
	experiment(o)["desiredPhase"] = phase
}

// conditions as Chaos Mesh's condition controller recomputes them on every reconcile.
func conditions(o *unstructured.Unstructured) []any {
	rs := records(o)
	flag := func(b bool) string {
		if b {
			return "True"
		}
		return "False"
	}
	phaseIs := func(p string) bool {
		return len(rs) > 0 && !slices.ContainsFunc(rs, func(r map[string]any) bool { return r["phase"] != p })
	}
	cond := func(t string, b bool) any { return map[string]any{"type": t, "status": flag(b), "reason": ""} }
	return []any{
		cond("Selected", len(rs) > 0),
		cond("AllInjected", phaseIs("Injected")),
		cond("AllRecovered", phaseIs("Not Injected")),
		cond("Paused", isPaused(o)),
	}
}

// addRecordEvent appends to a record's event history, keeping the last 100 as Chaos Mesh does.
func addRecordEvent(r map[string]any, typ, operation, message, timestamp string) {
	ev := map[string]any{"type": typ, "operation": operation, "timestamp": timestamp}
	if message != "" {
		ev["message"] = message
	}
	list, _ := r["events"].([]any)
	list = append(list, ev)
	if len(list) > 100 {
		list = list[len(list)-100:]
	}
	r["events"] = list
}

func incr(r map[string]any, key string) {
	switch n := r[key].(type) {
	case int64:
		r[key] = n + 1
	case float64:
		r[key] = int64(n) + 1
	default:
		r[key] = int64(1)
	}
}
