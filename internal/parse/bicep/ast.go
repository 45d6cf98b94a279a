package bicep

// span is the lines an expression or a statement covers.
type span struct{ line, end int }

// expr is an expression of the Bicep language.
type expr interface{ pos() span }

type (
	// lit is a number, boolean or null literal, or a string without holes.
	lit struct {
		sp  span
		val any // string, float64 text as string in num, bool, nil
		num bool
	}
	// interp is a string with ${} holes: parts[0] holes[0] parts[1] ...
	interp struct {
		sp    span
		parts []string
		holes []expr
	}
	ident struct {
		sp   span
		name string
	}
	array struct {
		sp    span
		items []expr
	}
	object struct {
		sp    span
		props []prop
		// resources are the child resources declared in a resource body.
		resources []*resourceDecl
	}
	prop struct {
		sp     span
		key    string // empty for a spread
		keyX   expr   // a computed key (an interpolated string)
		value  expr
		spread bool
	}
	member struct {
		sp   span
		x    expr
		name string
		safe bool // .?
	}
	index struct {
		sp   span
		x, i expr
		safe bool // [?
	}
	call struct {
		sp   span
		recv expr // a method call on a resource (stg.listKeys()), or nil
		ns   string
		name string
		args []expr
	}
	unary struct {
		sp span
		op string
		x  expr
	}
	binary struct {
		sp   span
		op   string
		l, r expr
	}
	ternary struct {
		sp         span
		cond, a, b expr
	}
	nonNull struct {
		sp span
		x  expr
	}
	forExpr struct {
		sp          span
		item, index string
		iter        expr
		body        expr
	}
	ifExpr struct {
		sp   span
		cond expr
		body expr
	}
	lambda struct {
		sp     span
		params []string
		body   expr
	}
)

func (x *lit) pos() span     { return x.sp }
func (x *interp) pos() span  { return x.sp }
func (x *ident) pos() span   { return x.sp }
func (x *array) pos() span   { return x.sp }
func (x *object) pos() span  { return x.sp }
func (x *member) pos() span  { return x.sp }
func (x *index) pos() span   { return x.sp }
func (x *call) pos() span    { return x.sp }
func (x *unary) pos() span   { return x.sp }
func (x *binary) pos() span  { return x.sp }
func (x *ternary) pos() span { return x.sp }
func (x *nonNull) pos() span { return x.sp }
func (x *forExpr) pos() span { return x.sp }
func (x *ifExpr) pos() span  { return x.sp }
func (x *lambda) pos() span  { return x.sp }

// file is a parsed Bicep file.
type file struct {
	name      string
	params    map[string]*paramDecl
	vars      map[string]*varDecl
	resources []*resourceDecl // in source order, top level
	modules   []*moduleDecl
	outputs   map[string]*varDecl
	symbols   map[string]any // every declared name: *paramDecl, *varDecl, *resourceDecl, *moduleDecl
	// using is the template a .bicepparam file gives values to.
	using string
	// assigns are the values of a .bicepparam file.
	assigns map[string]*varDecl
}

type paramDecl struct {
	sp    span
	name  string
	value expr // the default, or nil
}

type varDecl struct {
	sp    span
	name  string
	value expr
}

type resourceDecl struct {
	sp       span
	name     string // the symbolic name
	typ      string // Microsoft.X/y, without the API version
	version  string
	existing bool
	body     expr // object, ifExpr or forExpr
}

type moduleDecl struct {
	sp   span
	name string
	path string
	body expr
}
