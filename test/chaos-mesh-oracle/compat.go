// The Go module proxy serves the api module only at a commit three months after v2.8.3 (see README.md).
// Its webhook code differs from v2.8.3 in one field: NetworkChaos spec.partitionBehavior (added after
// v2.8.3, defaulted to "drop" by Default()). This file puts v2.8.3's behaviour back for that field.
package main

import "github.com/chaos-mesh/chaos-mesh/api/v1alpha1"

// fieldsAfterRelease: fields v2.8.3's CRDs do not have, which its API server refuses as unknown.
func fieldsAfterRelease(obj any) []string {
	if nc, ok := obj.(*v1alpha1.NetworkChaos); ok && nc.Spec.PartitionBehavior != "" {
		return []string{`strict decoding error: unknown field "spec.partitionBehavior" (not in Chaos Mesh v2.8.3)`}
	}
	return nil
}

// keepReleaseDefaults undoes defaults of fields v2.8.3 does not have.
func keepReleaseDefaults(obj any) {
	if nc, ok := obj.(*v1alpha1.NetworkChaos); ok {
		nc.Spec.PartitionBehavior = ""
	}
}
