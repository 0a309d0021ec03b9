// chaos-mesh-sim: a simulated Chaos Mesh 2.8 controller that runs as a client of a real API server.
// It watches every chaos-mesh.org kind whose CRD is installed and drives the objects' finalizer and
// status as chaos-controller-manager does; its failure modes come from a ConfigMap (behaviour.go).
package main

import (
	"context"
	"flag"
	"log"
	"os/signal"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

const group = "chaos-mesh.org"

var crdGVR = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the API server")
	namespace := flag.String("namespace", "chaos-mesh", "namespace of the behaviour ConfigMap")
	configMap := flag.String("configmap", "chaos-mesh-sim", "name of the behaviour ConfigMap")
	flag.Parse()
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("chaos-mesh-sim: kubeconfig: %v", err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	cfg.UserAgent = "chaos-mesh-sim"
	core := kubernetes.NewForConfigOrDie(cfg)
	dyn := dynamic.NewForConfigOrDie(cfg)
	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()

	pods := informers.NewSharedInformerFactory(core, 0)
	podLister := pods.Core().V1().Pods().Lister()
	cms := informers.NewSharedInformerFactoryWithOptions(core, 0, informers.WithNamespace(*namespace),
		informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.FieldSelector = fields.OneTermEqualSelector("metadata.name", *configMap).String()
		}))
	cmInformer := cms.Core().V1().ConfigMaps().Informer()
	_, _ = cmInformer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { setBehaviour(o.(*corev1.ConfigMap)); ack(ctx, core, o.(*corev1.ConfigMap)) },
		UpdateFunc: func(_, o any) { setBehaviour(o.(*corev1.ConfigMap)); ack(ctx, core, o.(*corev1.ConfigMap)) },
		DeleteFunc: func(any) { setBehaviour(nil) },
	})
	pods.Start(ctx.Done())
	cms.Start(ctx.Done())
	pods.WaitForCacheSync(ctx.Done())
	cms.WaitForCacheSync(ctx.Done())

	c := newController(ctx, dyn, core, podLister)
	go c.run()
	chaos := dynamicinformer.NewDynamicSharedInformerFactory(dyn, 0)
	watched := map[schema.GroupVersionResource]bool{}
	announced := false
	for ctx.Err() == nil {
		// CRDs installed later are picked up too
		for _, gvr := range chaosKinds(ctx, dyn) {
			if watched[gvr] {
				continue
			}
			watched[gvr] = true
			_, _ = chaos.ForResource(gvr).Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
				AddFunc:    func(o any) { c.onAdd(gvr, o.(*unstructured.Unstructured)) },
				UpdateFunc: func(prev, o any) { c.onUpdate(prev.(*unstructured.Unstructured), o.(*unstructured.Unstructured)) },
				DeleteFunc: func(o any) {
					if obj, ok := o.(*unstructured.Unstructured); ok {
						c.onDelete(obj)
					} else if tomb, ok := o.(cache.DeletedFinalStateUnknown); ok {
						if obj, ok := tomb.Obj.(*unstructured.Unstructured); ok {
							c.onDelete(obj)
						}
					}
				},
			})
			chaos.Start(ctx.Done())
			chaos.WaitForCacheSync(ctx.Done())
			log.Printf("chaos-mesh-sim: watching %s", gvr.Resource)
		}
		if len(watched) > 0 && !announced {
			announced = true
			log.Printf("chaos-mesh-sim: ready (%d kinds)", len(watched))
		}
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
		}
	}
	log.Print("chaos-mesh-sim: stopping")
}

// chaosKinds lists the served storage version of every chaos-mesh.org CRD.
func chaosKinds(ctx context.Context, dyn dynamic.Interface) []schema.GroupVersionResource {
	list, err := dyn.Resource(crdGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		if ctx.Err() == nil {
			log.Printf("chaos-mesh-sim: list CRDs: %v", err)
		}
		return nil
	}
	var out []schema.GroupVersionResource
	for _, crd := range list.Items {
		if g, _, _ := unstructured.NestedString(crd.Object, "spec", "group"); g != group {
			continue
		}
		plural, _, _ := unstructured.NestedString(crd.Object, "spec", "names", "plural")
		versions, _, _ := unstructured.NestedSlice(crd.Object, "spec", "versions")
		for _, v := range versions {
			m, _ := v.(map[string]any)
			if m["served"] == true && m["storage"] == true {
				out = append(out, schema.GroupVersionResource{Group: group, Version: m["name"].(string), Resource: plural})
			}
		}
	}
	return out
}
