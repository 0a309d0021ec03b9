package main

// Chaos Mesh target selection (pkg/selector): PodSelectorSpec matching, then mode/value picking.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	corelisters "k8s.io/client-go/listers/core/v1"
)

type podSelector struct {
	Namespaces          []string                          `json:"namespaces"`
	Nodes               []string                          `json:"nodes"`
	Pods                map[string][]string               `json:"pods"`
	LabelSelectors      map[string]string                 `json:"labelSelectors"`
	ExpressionSelectors []metav1.LabelSelectorRequirement `json:"expressionSelectors"`
	AnnotationSelectors map[string]string                 `json:"annotationSelectors"`
	FieldSelectors      map[string]string                 `json:"fieldSelectors"`
	PodPhaseSelectors   []string                          `json:"podPhaseSelectors"`
}

func fieldOf(pod *corev1.Pod, path string) string {
	obj, err := runtime.DefaultUnstructuredConverter.ToUnstructured(pod)
	if err != nil {
		return ""
	}
	v, found, _ := unstructured.NestedFieldNoCopy(obj, strings.Split(path, ".")...)
	if !found || v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func (s podSelector) matches(pod *corev1.Pod) bool {
	sel, err := metav1.LabelSelectorAsSelector(&metav1.LabelSelector{MatchLabels: s.LabelSelectors, MatchExpressions: s.ExpressionSelectors})
	if err != nil || !sel.Matches(labels.Set(pod.Labels)) {
		return false
	}
	for k, v := range s.AnnotationSelectors {
		if pod.Annotations[k] != v {
			return false
		}
	}
	for path, v := range s.FieldSelectors {
		if fieldOf(pod, path) != v {
			return false
		}
	}
	var include []string
	for _, p := range s.PodPhaseSelectors {
		if strings.HasPrefix(p, "!") {
			if string(pod.Status.Phase) == p[1:] {
				return false
			}
		} else {
			include = append(include, p)
		}
	}
	if len(include) > 0 && !slices.Contains(include, string(pod.Status.Phase)) {
		return false
	}
	return len(s.Nodes) == 0 || slices.Contains(s.Nodes, pod.Spec.NodeName)
}

// matchingPods: `pods:` wins over every other field, as in Chaos Mesh; terminating pods never match.
func matchingPods(lister corelisters.PodLister, s podSelector, defaultNs string) []*corev1.Pod {
	live := func(ns string) []*corev1.Pod {
		all, _ := lister.Pods(ns).List(labels.Everything())
		return slices.DeleteFunc(all, func(p *corev1.Pod) bool { return p.DeletionTimestamp != nil })
	}
	var out []*corev1.Pod
	if len(s.Pods) > 0 {
		for ns, names := range s.Pods {
			for _, p := range live(ns) {
				if slices.Contains(names, p.Name) {
					out = append(out, p)
				}
			}
		}
		return out
	}
	namespaces := s.Namespaces
	if len(namespaces) == 0 {
		namespaces = []string{defaultNs}
	}
	for _, ns := range namespaces {
		for _, p := range live(ns) {
			if s.matches(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func pickByMode(pods []*corev1.Pod, mode, value string) []*corev1.Pod {
	n, _ := strconv.Atoi(value)
	shuffled := slices.Clone(pods)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	first := func(k int) []*corev1.Pod { return shuffled[:max(0, min(k, len(shuffled)))] }
	switch mode {
	case "one":
		return first(1)
	case "all":
		return pods
	case "fixed":
		return first(n)
	case "fixed-percent":
		return first(int(math.Ceil(float64(len(pods)*n) / 100)))
	case "random-max-percent":
		return first(int(math.Ceil(float64(len(pods)*rand.IntN(n+1)) / 100)))
	}
	return nil
}

// selectRecords builds containerRecords, or returns nil when any selector picks nothing.
func selectRecords(lister corelisters.PodLister, o *unstructured.Unstructured) []any {
	spec, _ := o.Object["spec"].(map[string]any)
	action, _ := spec["action"].(string)
	perContainer := containerKinds[o.GetKind()] || (o.GetKind() == "PodChaos" && action == "container-kill")
	type source struct {
		spec map[string]any
		key  string
	}
	sources := []source{{spec, "."}}
	if target, ok := spec["target"].(map[string]any); ok && o.GetKind() == "NetworkChaos" {
		sources = append(sources, source{target, ".Target"})
	}
	var out []any
	for _, src := range sources {
		var sel podSelector
		if raw, ok := src.spec["selector"].(map[string]any); ok {
			_ = runtime.DefaultUnstructuredConverter.FromUnstructured(raw, &sel)
		}
		mode, _ := src.spec["mode"].(string)
		value, _ := src.spec["value"].(string)
		pods := pickByMode(matchingPods(lister, sel, o.GetNamespace()), mode, value)
		if len(pods) == 0 {
			return nil
		}
		for _, pod := range pods {
			base := pod.Namespace + "/" + pod.Name
			containers := []string{""}
			if perContainer {
				containers = []string{pod.Spec.Containers[0].Name}
				if names, ok := spec["containerNames"].([]any); ok && len(names) > 0 {
					containers = nil
					for _, n := range names {
						containers = append(containers, fmt.Sprint(n))
					}
				}
			}
			for _, c := range containers {
				id := base
				if c != "" {
					id += "/" + c
				}
				out = append(out, map[string]any{"id": id, "selectorKey": src.key, "phase": "Not Injected", "injectedCount": int64(0), "recoveredCount": int64(0)})
			}
		}
	}
	return out
}
