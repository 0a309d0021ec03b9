// Decodes one manifest strictly into its typed Chaos Mesh object and runs the upstream webhook logic on it.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/chaos-mesh/chaos-mesh/api/genericwebhook"
	"github.com/chaos-mesh/chaos-mesh/api/v1alpha1"
	"gomodules.xyz/jsonpatch/v2"
	"k8s.io/apimachinery/pkg/runtime"
	kjson "k8s.io/apimachinery/pkg/runtime/serializer/json"
	"sigs.k8s.io/controller-runtime/pkg/webhook"
	"sigs.k8s.io/yaml"
)

// Verdict is one output line of the stdin mode.
type Verdict struct {
	Index    int    `json:"index"`
	Kind     string `json:"kind,omitempty"`
	Name     string `json:"name,omitempty"`
	Accepted bool   `json:"accepted"`
	// Stage that refused the object: "decode" (the API server's strict decoding) or "webhook".
	Stage  string   `json:"stage,omitempty"`
	Errors []string `json:"errors,omitempty"`
	// What Default() changed, as a JSON patch from the object as sent (the mutating webhook's answer).
	Defaulted []jsonpatch.JsonPatchOperation `json:"defaulted,omitempty"`
	// spec.duration as the controller reads it (Spec.GetDuration), in nanoseconds; absent without one.
	// Chaos Mesh reads 0 as "until deleted".
	DurationNs *int64 `json:"durationNs,omitempty"`
}

var scheme = newScheme()

func newScheme() *runtime.Scheme {
	s := runtime.NewScheme()
	if err := v1alpha1.AddToScheme(s); err != nil {
		panic(err)
	}
	return s
}

// Like `kubectl apply` with field validation Strict (its default): unknown or duplicate fields are errors.
var strict = kjson.NewSerializerWithOptions(kjson.DefaultMetaFactory, scheme, scheme, kjson.SerializerOptions{Yaml: true, Strict: true})

// webhookObject is what controller-runtime's builder needs to serve a kind: both upstream interfaces.
type webhookObject interface {
	runtime.Object
	webhook.CustomDefaulter
	webhook.CustomValidator
}

// decode turns one YAML/JSON document into its typed object, or the API server's decoding errors.
func decode(doc []byte) (webhookObject, []string) {
	obj, gvk, err := strict.Decode(doc, nil, nil)
	if err != nil && !runtime.IsStrictDecodingError(err) {
		return nil, []string{err.Error()}
	}
	var errs []string
	if err != nil {
		errs = append(errs, err.Error())
	}
	typed, ok := obj.(webhookObject)
	if !ok {
		return nil, append(errs, fmt.Sprintf("%s has no Chaos Mesh admission webhook", gvk.Kind))
	}
	errs = append(errs, fieldsAfterRelease(typed)...)
	return typed, errs
}

// judge runs Default() then ValidateCreate(), as the mutating then the validating webhook do on CREATE.
func judge(obj webhookObject) (defaulted []jsonpatch.JsonPatchOperation, errs []string) {
	ctx := context.Background()
	before, _ := json.Marshal(obj)
	if err := obj.Default(ctx, obj); err != nil {
		return nil, []string{err.Error()}
	}
	keepReleaseDefaults(obj)
	after, _ := json.Marshal(obj)
	patch, err := jsonpatch.CreatePatch(before, after)
	if err != nil {
		return nil, []string{err.Error()}
	}
	if _, err := obj.ValidateCreate(ctx, obj); err != nil {
		// ValidateCreate aggregates the field errors into one message; list them one by one when they are that.
		list := genericwebhook.Validate(obj)
		if genericwebhook.Aggregate(list) != nil && genericwebhook.Aggregate(list).Error() == err.Error() {
			for _, e := range list {
				errs = append(errs, e.Error())
			}
		} else {
			errs = []string{err.Error()}
		}
	}
	return patch, errs
}

// identify reads kind and name loosely, so a document that fails typed decoding is still named.
func identify(doc []byte) (kind, name string) {
	var head struct {
		Kind     string `json:"kind"`
		Metadata struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if j, err := yaml.YAMLToJSON(doc); err == nil {
		_ = json.Unmarshal(j, &head)
	}
	return head.Kind, head.Metadata.Name
}

// verdict decodes and judges one document.
func verdict(index int, doc []byte) Verdict {
	v := Verdict{Index: index}
	v.Kind, v.Name = identify(doc)
	obj, errs := decode(doc)
	if len(errs) > 0 {
		v.Stage, v.Errors = "decode", errs
		return v
	}
	v.Defaulted, v.Errors = judge(obj)
	if len(v.Errors) > 0 {
		v.Stage = "webhook"
	}
	v.Accepted = len(v.Errors) == 0
	v.DurationNs = specDuration(obj)
	return v
}

// specDuration calls the kind's Spec.GetDuration(), the controller's reading of spec.duration.
func specDuration(obj webhookObject) *int64 {
	spec := reflect.ValueOf(obj).Elem().FieldByName("Spec")
	if !spec.IsValid() || !spec.CanAddr() {
		return nil
	}
	d, ok := spec.Addr().Interface().(interface {
		GetDuration() (*time.Duration, error)
	})
	if !ok {
		return nil
	}
	if got, err := d.GetDuration(); err == nil && got != nil {
		ns := got.Nanoseconds()
		return &ns
	}
	return nil
}
