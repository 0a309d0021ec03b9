// oracle: Chaos Mesh's own admission code (github.com/chaos-mesh/chaos-mesh/api) as a test judge.
//
//	oracle < manifests.yaml                  one JSON verdict per document on stdout
//	oracle serve --cert C --key K --port P   the same logic as an HTTPS admission webhook
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"k8s.io/apimachinery/pkg/util/yaml"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve" {
		if err := serve(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "oracle serve:", err)
			os.Exit(2)
		}
		return
	}
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: oracle < manifests.yaml | oracle serve --cert FILE --key FILE --port N")
		os.Exit(2)
	}
	if err := judgeStream(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
}

// judgeStream prints one verdict per non-empty document; comment-only documents are skipped.
func judgeStream(in io.Reader, out io.Writer) error {
	reader := yaml.NewYAMLReader(bufio.NewReaderSize(in, 1<<20))
	w := bufio.NewWriter(out)
	defer w.Flush()
	enc := json.NewEncoder(w)
	index := 0
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if isEmpty(doc) {
			continue
		}
		if err := enc.Encode(verdict(index, doc)); err != nil {
			return err
		}
		index++
	}
}

func isEmpty(doc []byte) bool {
	for _, line := range bytes.Split(doc, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' && !bytes.Equal(t, []byte("---")) {
			return false
		}
	}
	return true
}
