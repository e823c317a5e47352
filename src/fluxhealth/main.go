// flux-health waits for objects the way Flux's kustomize-controller waits for what it applied
// when a Kustomization sets wait or healthChecks: Flux's own server-side-apply package
// (fluxcd/pkg/ssa, ResourceManager.WaitForSet) polling each object's kstatus. The real-cluster
// tests run it against ModelReleases to check what a Kustomization would report for each phase.
//
//	flux-health -kubeconfig FILE -timeout 20s -interval 1s GROUP/KIND/NAMESPACE/NAME...
//
// It prints "ready" and exits 0 when every object is Current; otherwise it prints Flux's own error
// ("failed early due to stalled resources: ..." or "timeout waiting for: ...") and exits 1.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/fluxcd/cli-utils/pkg/kstatus/polling"
	"github.com/fluxcd/cli-utils/pkg/object"
	"github.com/fluxcd/pkg/ssa"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
)

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the cluster")
	timeout := flag.Duration("timeout", time.Minute, "how long to wait, as a Kustomization's spec.timeout")
	interval := flag.Duration("interval", time.Second, "how often to poll")
	flag.Parse()
	if err := run(*kubeconfig, *timeout, *interval, flag.Args()); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("ready")
}

func run(kubeconfig string, timeout, interval time.Duration, names []string) error {
	set, err := objects(names)
	if err != nil {
		return err
	}
	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	httpClient, err := rest.HTTPClientFor(config)
	if err != nil {
		return err
	}
	mapper, err := apiutil.NewDynamicRESTMapper(config, httpClient)
	if err != nil {
		return err
	}
	kubeClient, err := client.New(config, client.Options{HTTPClient: httpClient, Mapper: mapper})
	if err != nil {
		return err
	}
	poller := polling.NewStatusPoller(kubeClient, mapper, polling.Options{})
	manager := ssa.NewResourceManager(kubeClient, poller, ssa.Owner{Field: "flux-health", Group: "releasegate.dev"})
	// As kustomize-controller calls it. FailFast is its default; without it a set whose objects
	// are all Failed or Current ends the wait early all the same.
	return manager.WaitForSet(set, ssa.WaitOptions{Interval: interval, Timeout: timeout, FailFast: true})
}

// objects parses GROUP/KIND/NAMESPACE/NAME arguments (an empty GROUP for the core group).
func objects(names []string) (object.ObjMetadataSet, error) {
	var set object.ObjMetadataSet
	for _, name := range names {
		parts := strings.Split(name, "/")
		if len(parts) != 4 {
			return nil, fmt.Errorf("%q is not GROUP/KIND/NAMESPACE/NAME", name)
		}
		set = append(set, object.ObjMetadata{
			GroupKind: schema.GroupKind{Group: parts[0], Kind: parts[1]},
			Namespace: parts[2],
			Name:      parts[3],
		})
	}
	if len(set) == 0 {
		return nil, fmt.Errorf("name at least one object")
	}
	return set, nil
}
