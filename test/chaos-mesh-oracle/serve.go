// serve mode: controller-runtime's admission handlers around the upstream types, exactly as
// chaos-controller-manager builds them (ctrl.NewWebhookManagedBy(mgr).For(obj).WithValidator(obj).WithDefaulter(obj)).
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// releaseDefaulter applies Default() then puts v2.8.3's behaviour back (compat.go).
type releaseDefaulter struct{ inner webhookObject }

func (d releaseDefaulter) Default(ctx context.Context, obj runtime.Object) error {
	err := d.inner.Default(ctx, obj)
	keepReleaseDefaults(obj)
	return err
}

// byKind sends each review to the handler of the object's kind (the upstream registers one path per kind).
type byKind map[string]*admission.Webhook

func (h byKind) Handle(ctx context.Context, req admission.Request) admission.Response {
	if hook, ok := h[req.Kind.Kind]; ok {
		return hook.Handle(ctx, req)
	}
	return admission.Errored(http.StatusBadRequest, fmt.Errorf("no Chaos Mesh webhook for kind %q", req.Kind.Kind))
}

// handlers builds the mux: /mutate and /validate for every kind, plus upstream's per-kind paths.
func handlers() *http.ServeMux {
	mutate, validate := byKind{}, byKind{}
	mux := http.NewServeMux()
	for gvk := range scheme.AllKnownTypes() {
		obj, err := scheme.New(gvk)
		if err != nil {
			continue
		}
		typed, ok := obj.(webhookObject)
		if !ok {
			continue
		}
		mutate[gvk.Kind] = admission.WithCustomDefaulter(scheme, typed, releaseDefaulter{typed})
		validate[gvk.Kind] = admission.WithCustomValidator(scheme, typed, typed)
		lower := strings.ToLower(gvk.Kind)
		mux.Handle("/mutate-chaos-mesh-org-v1alpha1-"+lower, mutate[gvk.Kind])
		mux.Handle("/validate-chaos-mesh-org-v1alpha1-"+lower, validate[gvk.Kind])
	}
	mux.Handle("/mutate", &admission.Webhook{Handler: mutate})
	mux.Handle("/validate", &admission.Webhook{Handler: validate})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	return mux
}

func serve(args []string) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	cert := flags.String("cert", "", "PEM certificate file")
	key := flags.String("key", "", "PEM private key file")
	port := flags.Int("port", 9443, "port to listen on (0: any free port)")
	address := flags.String("address", "127.0.0.1", "address to listen on")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *cert == "" || *key == "" {
		return errors.New("--cert and --key are required")
	}
	pair, err := tls.LoadX509KeyPair(*cert, *key)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", net.JoinHostPort(*address, fmt.Sprint(*port)))
	if err != nil {
		return err
	}
	// The chosen address on stdout tells a parent process (tests) where to post and that it is ready.
	fmt.Printf("listening on https://%s\n", listener.Addr())
	server := &http.Server{Handler: handlers(), TLSConfig: &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}}
	return server.ServeTLS(listener, "", "")
}
