package kubernetes

import (
	"strings"

	"github.com/mlguard/mlguard/internal/model"
	"github.com/mlguard/mlguard/internal/model/kubernetes"
	"github.com/mlguard/mlguard/internal/parse/node"
)

// destinationRule reads an Istio DestinationRule's host and TLS modes.
func (a *adapter) destinationRule(obj kubernetes.Object, spec *node.Value) {
	dr := &kubernetes.DestinationRule{Object: obj}
	dr.Host, _ = spec.Get("host").Text()
	tp := spec.Get("trafficPolicy")
	if m := str(tp.Get("tls"), obj.Range, "mode", ""); m.Explicit {
		dr.TLSModes = append(dr.TLSModes, m)
	}
	if ports := tp.Get("portLevelSettings"); ports != nil && ports.Kind == node.List {
		for _, p := range ports.List {
			if m := str(p.Get("tls"), obj.Range, "mode", ""); m.Explicit {
				dr.TLSModes = append(dr.TLSModes, m)
			}
		}
	}
	a.m.DestinationRules = append(a.m.DestinationRules, dr)
}

// gateway reads an Istio Gateway's servers.
func (a *adapter) gateway(obj kubernetes.Object, spec *node.Value) {
	g := &kubernetes.Gateway{Object: obj}
	if servers := spec.Get("servers"); servers != nil && servers.Kind == node.List {
		for _, sv := range servers.List {
			s := kubernetes.GatewayServer{Meta: model.Meta{Range: rangeOf(sv, obj.Range), Explicit: true}}
			s.Protocol, _ = sv.Path("port", "protocol").Text()
			s.Protocol = strings.ToUpper(s.Protocol)
			s.Hosts = textList(sv.Get("hosts"))
			s.TLSMode, _ = sv.Path("tls", "mode").Text()
			s.HTTPSRedirect = boolean(sv.Get("tls"), obj.Range, "httpsRedirect", false).Value
			g.Servers = append(g.Servers, s)
		}
	}
	a.m.Gateways = append(a.m.Gateways, g)
}

// virtualService reads the hosts, gateways and destination hosts of an
// Istio VirtualService.
func (a *adapter) virtualService(obj kubernetes.Object, spec *node.Value) {
	vs := &kubernetes.VirtualService{Object: obj, Hosts: textList(spec.Get("hosts")), Gateways: textList(spec.Get("gateways"))}
	for _, kind := range []string{"http", "tls", "tcp"} {
		routes := spec.Get(kind)
		if routes == nil || routes.Kind != node.List {
			continue
		}
		for _, r := range routes.List {
			dests := r.Get("route")
			if dests == nil || dests.Kind != node.List {
				continue
			}
			for _, d := range dests.List {
				if h, ok := d.Path("destination", "host").Text(); ok {
					vs.Destinations = append(vs.Destinations, h)
				}
			}
		}
	}
	a.m.VirtualServices = append(a.m.VirtualServices, vs)
}

// certificate reads a cert-manager Certificate.
func (a *adapter) certificate(obj kubernetes.Object, spec *node.Value) {
	c := &kubernetes.Certificate{Object: obj, DNSNames: textList(spec.Get("dnsNames")),
		Algorithm: str(spec.Get("privateKey"), obj.Range, "algorithm", "RSA"), Size: integer(spec.Get("privateKey"), obj.Range, "size"),
		Duration: str(spec, obj.Range, "duration", "2160h")}
	c.SecretName, _ = spec.Get("secretName").Text()
	a.m.Certificates = append(a.m.Certificates, c)
}
