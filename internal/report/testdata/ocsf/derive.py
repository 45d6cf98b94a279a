# Derives testdata/ocsf/detection_finding-1.3.0.schema.json from a checkout of
# github.com/ocsf/ocsf-schema at tag v1.3.0:
#   python3 derive.py OCSF_SCHEMA_DIR > detection_finding-1.3.0.schema.json
import json, os, sys
root = sys.argv[1]
# The profiles mlguard's findings apply.
APPLIED = {'profiles/cloud.json'}
D = json.load(open(os.path.join(root, 'dictionary.json')))
dattrs, dtypes = D['attributes'], D['types']['attributes']

def load(path):
    return json.load(open(os.path.join(root, path)))

def attrs_of(doc, kind):
    """Merged attributes of an event class or object, following extends and includes."""
    out = {}
    ext = doc.get('extends')
    if ext and ext not in ('object',):
        if kind == 'event':
            base = {'base_event': 'events/base_event.json', 'finding': 'events/findings/finding.json'}[ext]
            out.update(attrs_of(load(base), kind))
        else:
            out.update(attrs_of(load('objects/%s.json' % ext), kind))
    for k, v in doc.get('attributes', {}).items():
        if k == '$include':
            for inc in v:
                got = attrs_of(load(inc), kind)
                if inc.startswith('profiles/') and inc not in APPLIED:
                    # A profile's attributes are required only where it is applied.
                    got = {n: dict(a, requirement='optional') for n, a in got.items()}
                out.update(got)
            continue
        merged = dict(out.get(k, {}))
        merged.update(v)
        out[k] = merged
    return out

base_types = {'boolean_t': {'type': 'boolean'}, 'float_t': {'type': 'number'}, 'integer_t': {'type': 'integer'},
              'long_t': {'type': 'integer'}, 'json_t': {}, 'string_t': {'type': 'string'}}
def json_type(t):
    while t not in base_types:
        t = dtypes[t].get('type', 'string_t')
    return dict(base_types[t])

defs = {}
def schema_for(name, attrs):
    props, req = {}, []
    for k, a in sorted(attrs.items()):
        d = dict(dattrs.get(k, {}))
        d.update(a)
        if d.get('requirement') == 'required':
            req.append(k)
        t = d.get('type')
        if t == 'object_t' or t is None and 'object_type' in d:
            ref = obj(d['object_type'])
            p = {'$ref': '#/$defs/' + ref}
        elif t is not None and t not in dtypes and t not in base_types:
            p = {'$ref': '#/$defs/' + obj(t)}
        elif t is None:
            p = {}
        else:
            p = json_type(t)
            if 'enum' in d and k.endswith('_id'):
                p['enum'] = sorted(int(x) for x in d['enum'])
        if d.get('is_array'):
            p = {'type': 'array', 'items': p}
        props[k] = p
    s = {'type': 'object', 'properties': props, 'additionalProperties': False}
    if req:
        s['required'] = req
    return s

def obj(name):
    if name in defs:
        return name
    if name == 'object':
        # OCSF's unextended object type (unmapped, data) is open.
        defs[name] = {'type': 'object'}
        return name
    defs[name] = None
    defs[name] = schema_for(name, attrs_of(load('objects/%s.json' % name), 'object'))
    return name

cls = load('events/findings/detection_finding.json')
top = schema_for('detection_finding', attrs_of(cls, 'event'))
top['properties']['class_uid'] = {'const': 2004}
top['properties']['category_uid'] = {'const': 2}
top['properties']['type_uid'] = {'enum': [200400, 200401, 200402, 200403, 200499]}
out = {'$schema': 'https://json-schema.org/draft/2020-12/schema',
       '$comment': 'OCSF v1.3.0 Detection Finding (class_uid 2004), derived from the ocsf-schema sources at tag v1.3.0 '
                   '(events/findings/detection_finding.json and what it extends and includes, objects/*.json, dictionary.json): '
                   'required attributes (with the cloud profile applied), no attribute the schema does not define, JSON types and the enumerations of *_id attributes.',
       **top, '$defs': {k: defs[k] for k in sorted(defs)}}
json.dump(out, sys.stdout, indent=1, sort_keys=False)
