// Package podstatus writes pod readiness the way a kubelet reports it.
package podstatus

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// SetReady sets the pod's Ready/ContainersReady conditions and every container's ready flag.
func SetReady(p *corev1.Pod, ready bool) {
	now := metav1.Now()
	want := map[corev1.PodConditionType]bool{
		corev1.PodReadyToStartContainers: true, corev1.PodInitialized: true, corev1.PodScheduled: true,
		corev1.ContainersReady: ready, corev1.PodReady: ready,
	}
	order := []corev1.PodConditionType{corev1.PodReadyToStartContainers, corev1.PodInitialized, corev1.PodReady, corev1.ContainersReady, corev1.PodScheduled}
	var conds []corev1.PodCondition
	for _, t := range order {
		status := corev1.ConditionFalse
		if want[t] {
			status = corev1.ConditionTrue
		}
		c := corev1.PodCondition{Type: t, Status: status, LastTransitionTime: now}
		for _, prev := range p.Status.Conditions {
			if prev.Type == t && prev.Status == status {
				c.LastTransitionTime = prev.LastTransitionTime
			}
		}
		if status == corev1.ConditionFalse {
			c.Reason = "ContainersNotReady"
		}
		conds = append(conds, c)
	}
	p.Status.Conditions = conds
	for i := range p.Status.ContainerStatuses {
		p.Status.ContainerStatuses[i].Ready = ready
	}
}
