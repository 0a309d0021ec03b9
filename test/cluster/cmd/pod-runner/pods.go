package main

import (
	"context"
	"fmt"
	"log"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"

	"chaos.test/cluster/internal/podstatus"
)

// reconcile plays the kubelet for one pod event.
func (r *runner) reconcile(ctx context.Context, pod *corev1.Pod) {
	if pod.DeletionTimestamp != nil {
		// containers "stop" at once: finish the graceful deletion as the kubelet does
		err := r.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
			GracePeriodSeconds: ptr.To[int64](0), Preconditions: metav1.NewUIDPreconditions(string(pod.UID)),
		})
		if err != nil && !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) && ctx.Err() == nil {
			log.Printf("pod-runner: finish deleting %s/%s: %v", pod.Namespace, pod.Name, err)
		}
		return
	}
	if pod.Status.Phase != "" && pod.Status.Phase != corev1.PodPending {
		return
	}
	r.mu.Lock()
	if r.started[string(pod.UID)] {
		r.mu.Unlock()
		return
	}
	r.started[string(pod.UID)] = true
	r.nextIP++
	ip := fmt.Sprintf("10.244.%d.%d", (r.nextIP/250)%250, r.nextIP%250+2)
	r.mu.Unlock()

	hostIP := "172.18.0.2"
	if err := r.setStatus(ctx, pod, func(p *corev1.Pod) { start(p, ip, hostIP) }); err != nil {
		log.Printf("pod-runner: start %s/%s: %v", pod.Namespace, pod.Name, err)
		r.mu.Lock()
		delete(r.started, string(pod.UID)) // the next event for this pod tries again
		r.mu.Unlock()
		return
	}
	time.AfterFunc(r.readyAfter, func() {
		if err := r.setStatus(ctx, pod, func(p *corev1.Pod) { podstatus.SetReady(p, true) }); err != nil && !apierrors.IsNotFound(err) {
			log.Printf("pod-runner: ready %s/%s: %v", pod.Namespace, pod.Name, err)
		}
	})
}

// setStatus reads the pod fresh, applies fn and writes its status, retrying on conflicts.
func (r *runner) setStatus(ctx context.Context, pod *corev1.Pod, fn func(*corev1.Pod)) error {
	pods := r.client.CoreV1().Pods(pod.Namespace)
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		cur, err := pods.Get(ctx, pod.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		if cur.UID != pod.UID || cur.DeletionTimestamp != nil {
			return nil
		}
		fn(cur)
		_, err = pods.UpdateStatus(ctx, cur, metav1.UpdateOptions{FieldManager: "pod-runner"})
		return err
	})
}

// start: Running, an IP, containers started but not yet Ready.
func start(p *corev1.Pod, ip, hostIP string) {
	now := metav1.Now()
	p.Status.Phase = corev1.PodRunning
	p.Status.PodIP, p.Status.PodIPs = ip, []corev1.PodIP{{IP: ip}}
	p.Status.HostIP, p.Status.HostIPs = hostIP, []corev1.HostIP{{IP: hostIP}}
	p.Status.StartTime = &now
	p.Status.ContainerStatuses = nil
	for _, c := range p.Spec.Containers {
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: c.Image, ContainerID: "fake://" + string(p.UID) + "/" + c.Name,
			Started: ptr.To(true), State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
		})
	}
	podstatus.SetReady(p, false)
}
