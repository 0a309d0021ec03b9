// pod-runner stands in for kubelets: it registers fake Nodes, keeps their Leases fresh, and plays
// the kubelet's part for pods bound to them (Running with an IP, Ready after --ready-after, and the
// final removal of pods that are being deleted). It never touches a pod after it started it, so a
// simulated fault that makes a pod not Ready (chaos-mesh-sim) is not undone behind its back.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

type runner struct {
	client     kubernetes.Interface
	nodes      map[string]bool
	readyAfter time.Duration
	mu         sync.Mutex
	started    map[string]bool // pod UIDs this runner has started
	nextIP     int
}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the API server")
	nodeCount := flag.Int("nodes", 2, "number of fake nodes")
	readyAfter := flag.Duration("ready-after", 300*time.Millisecond, "how long a started pod stays not Ready")
	flag.Parse()
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("pod-runner: kubeconfig: %v", err)
	}
	cfg.QPS, cfg.Burst = 100, 200
	cfg.UserAgent = "pod-runner"
	r := &runner{client: kubernetes.NewForConfigOrDie(cfg), nodes: map[string]bool{}, readyAfter: *readyAfter, started: map[string]bool{}}
	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	for i := 1; i <= *nodeCount; i++ {
		name := fmt.Sprintf("fake-node-%d", i)
		if err := r.registerNode(ctx, name, i); err != nil {
			log.Fatalf("pod-runner: node %s: %v", name, err)
		}
		r.nodes[name] = true
	}
	go r.heartbeat(ctx)

	factory := informers.NewSharedInformerFactory(r.client, 0)
	pods := factory.Core().V1().Pods().Informer()
	handle := func(obj any) {
		if pod, ok := obj.(*corev1.Pod); ok && r.nodes[pod.Spec.NodeName] {
			go r.reconcile(ctx, pod)
		}
	}
	if _, err := pods.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    handle,
		UpdateFunc: func(_, obj any) { handle(obj) },
		DeleteFunc: func(obj any) {
			if pod, ok := obj.(*corev1.Pod); ok {
				r.mu.Lock()
				delete(r.started, string(pod.UID))
				r.mu.Unlock()
			}
		},
	}); err != nil {
		log.Fatalf("pod-runner: %v", err)
	}
	factory.Start(ctx.Done())
	log.Printf("pod-runner: %d nodes registered, watching pods", *nodeCount)
	<-ctx.Done()
	fmt.Fprintln(os.Stderr, "pod-runner: stopping")
}
