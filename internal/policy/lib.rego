# METADATA
# title: mlguard helper library
# description: |
#   Tests on the provenance-carrying values of the input. Every value has
#   "unknown" (cannot be known before apply), "explicit" (written, not the
#   provider's default) and "range"; these helpers are false on unknown
#   values, so a policy built on them never reports what it cannot know.
package mlguard.lib

import rego.v1

# known(v): v can be judged at scan time.
known(v) if not v.unknown

# is_true(v) / is_false(v): a known boolean with that value.
is_true(v) if {
	known(v)
	v.value == true
}

is_false(v) if {
	known(v)
	v.value == false
}

# equals(v, x): a known value equal to x.
equals(v, x) if {
	known(v)
	v.value == x
}

# is_set(r): a reference points at something, a literal or a resource of the scan.
is_set(r) if r.value != ""

is_set(r) if count(r.targets) > 0

# absent(r): a reference known to point at nothing.
absent(r) if {
	known(r)
	not is_set(r)
}
