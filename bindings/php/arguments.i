/*
 * bindings/php/arguments.i: PHP arguments as PHP's own functions take them (issue 17), %included by
 * bindings/ssat.i before runtime.i, whose PHP typemaps and helpers use what is defined here.
 *
 * 1. Integers and bools by PHP's rules. SWIG's PHP typemaps convert with zval_get_long() and a C cast:
 *    2.7 became 2, "abc" and [] became 0, and 4294967381 became 85 in a uint32_t, so a wrong argument
 *    gave a wrong answer (percentCompare(323, 380, CMP_LE, 4294967381, 1) compared with 85 %). Here an
 *    integer is read by zend_parse_arg_long(), as an internal function's zpp does (the caller's
 *    strict_types, numeric strings), except that a float with a fraction is refused rather than cut
 *    (PHP 8.1 only deprecates that); a value outside the C type raises PHP's ValueError ("must be
 *    between 0 and 4294967295"), anything else PHP's TypeError ("must be of type int, array given").
 *
 * 2. Parameter names and defaults. SWIG 4.1 names every PHP parameter $arg1, $arg2 ... (one arginfo
 *    shared by every function of the same shape: swig/swig#2425) and gives no optional parameter a
 *    default; named arguments ($reg->addMarks(start: ...)), reflection, the IDE stub and PHP's own
 *    messages ("Argument #2 ($marks)") read both, and PHP needs the default to skip an optional
 *    parameter by name ($case->apply(..., note: 'x') leaves out parent and detail). Every PHP `in`
 *    typemap of the binding marks its argument with SSATB_PHP_PARAM($input, "$1_name", $1) (a no-op
 *    in C); bindings/php/gen_params.php reads the marks of the generated wrapper and writes
 *    ssat_php_params.h: each wrapper's parameter names in camelCase (as_of -> asOf; the maybe_ prefix
 *    that selects a nullable typemap dropped) and the defaults of its optional parameters (the C
 *    default SWIG initializes the variable with: NULL is null, SSAT_CSV_AUTO is \Ssat\CSV_AUTO). The
 *    build fails on an argument without a mark or a default it cannot write in PHP. At the end of
 *    MINIT, ssatb_php_name_params() gives every function and method of the extension (the namespaced
 *    twins and the deprecated names alike) its names and defaults. It only writes into memory PHP
 *    owns: PHP's registration has already copied each typed arginfo (zend_register_functions: "convert
 *    const char* class type names") and frees it at shutdown; names and defaults are static strings.
 */

/* 3. Arguments of other types. PHP does not check the declared types of an extension's parameters, so
 *    each `in` typemap checks its argument against the type it declares (SSATB_PHP_TYPED) and a wrong
 *    one raises PHP's own TypeError: "Ssat\Register::addMarks(): Argument #2 ($marks) must be of type
 *    string, array given" (the binding's old message was "marks: expected a string, not array"). A
 *    message about an argument's value names it as PHP does (SSATB_PHP_NAME: "pupilId", not C's
 *    "pupil_id").
 */

%{
/* The PHP argument `input` (a wrapper's args[i]) is the parameter `name`, converted into the C variable
 * `var`, whose initializer is the C default of an optional parameter (read by gen_params.php). */
#define SSATB_PHP_PARAM(input, name, var) ((void)0)
/* Its position among the PHP arguments, 1-based, as PHP's messages count (SWIG's $argnum counts C's). */
#define SSATB_PHP_POSITION(input) ((uint32_t)(&(input) - args) + 1)

/* The declared type of argument `position` of the function being called; NULL when there is none. */
static const zend_type *ssatb_php_declared(uint32_t position)
{
    const zend_execute_data *ex = EG(current_execute_data);
    const zend_function *fn = ex != NULL ? ex->func : NULL;
    if (fn == NULL || fn->common.arg_info == NULL || position < 1 || position > fn->common.num_args)
        return NULL;
    return &fn->common.arg_info[position - 1].type;
}

/* PHP's own TypeError for an argument its parameter does not take: the function as called, the
 * argument's position and name, its declared type and what was given. Returns 0. */
static int ssatb_php_type_error(zval *in, uint32_t position)
{
    const zend_type *type = ssatb_php_declared(position);
    zend_string *need = type != NULL ? zend_type_to_string(*type) : NULL;
    zval *v = in;
    ZVAL_DEREF(v);
    zend_argument_type_error(position, "must be of type %s, %s given", need != NULL ? ZSTR_VAL(need) : "mixed",
                             zend_zval_type_name(v));
    if (need != NULL)
        zend_string_release(need);
    return 0;
}

/* The argument `in`, dereferenced, when its type is one its parameter declares (a string for `string`,
 * an array or null for `?array`); NULL with PHP's TypeError otherwise (3. above). */
static zval *ssatb_php_typed(zval *in, uint32_t position)
{
    zval *v = in;
    ZVAL_DEREF(v);
    const zend_type *type = ssatb_php_declared(position);
    if (type == NULL || ZEND_TYPE_HAS_NAME(*type) || ZEND_TYPE_PURE_MASK(*type) == 0 ||
        ZEND_TYPE_CONTAINS_CODE(*type, Z_TYPE_P(v)))
        return v;
    ssatb_php_type_error(in, position);
    return NULL;
}
#define SSATB_PHP_TYPED(input) ssatb_php_typed(&(input), SSATB_PHP_POSITION(input))

/* The PHP name of argument `position` ("pupilId"), for a message about its value; C's name `cname`
 * where PHP has none (a function ssatb_php_name_params() did not name). */
static const char *ssatb_php_name(uint32_t position, const char *cname)
{
    const char *name = get_active_function_arg_name(position);
    return name != NULL ? name : cname;
}
#define SSATB_PHP_NAME(input, cname) ssatb_php_name(SSATB_PHP_POSITION(input), (cname))

/* A float, or a numeric string, holding a number within int's range that is not whole (2.7, "85.5"):
 * zpp would take its whole part with a deprecation notice; a threshold or a count must not be cut. */
static int ssatb_php_has_fraction(const zval *v)
{
    double d = 0;
    zend_long l = 0;
    if (Z_TYPE_P(v) == IS_DOUBLE)
        d = Z_DVAL_P(v);
    else if (Z_TYPE_P(v) != IS_STRING || is_numeric_string(Z_STRVAL_P(v), Z_STRLEN_P(v), &l, &d, true) != IS_DOUBLE)
        return 0;
    return zend_finite(d) && d >= (double)ZEND_LONG_MIN && d < (double)ZEND_LONG_MAX && d != floor(d);
}

/* An integer argument in min..max, read as zpp reads `int`; 0 with PHP's TypeError or ValueError thrown. */
static int ssatb_php_to_long(zval *in, uint32_t position, zend_long min, zend_long max, zend_long *out)
{
    bool is_null = false;
    zval *v = in;
    ZVAL_DEREF(v);
    if (ssatb_php_has_fraction(v)) {
        zend_argument_type_error(position, "must be of type int, %s with a fraction given", zend_zval_type_name(v));
        return 0;
    }
    if (!zend_parse_arg_long(v, out, &is_null, false, position)) {
        if (!EG(exception))
            zend_wrong_parameter_type_error(position, Z_EXPECTED_LONG, v);
        return 0;
    }
    if (EG(exception))
        return 0; /* a numeric string's warning turned into an exception by an error handler */
    if (*out < min || *out > max) {
        zend_argument_value_error(position, "must be between " ZEND_LONG_FMT " and " ZEND_LONG_FMT, min, max);
        return 0;
    }
    return 1;
}

/* A bool argument, read as zpp reads `bool`; 0 with PHP's TypeError thrown. */
static int ssatb_php_to_bool(zval *in, uint32_t position, bool *out)
{
    bool is_null = false;
    zval *v = in;
    ZVAL_DEREF(v);
    if (!zend_parse_arg_bool(v, out, &is_null, false, position)) {
        if (!EG(exception))
            zend_wrong_parameter_type_error(position, Z_EXPECTED_BOOL, v);
        return 0;
    }
    return !EG(exception);
}
%}

/* %ssatb_php_integer(C types, smallest, largest): the `in` typemap of an integer type. */
%define %ssatb_php_integer(TYPES, MIN, MAX)
%typemap(in, phptype="int") TYPES %{
  SSATB_PHP_PARAM($input, "$1_name", $1);
  {
    zend_long ssatb_v = 0;
    if (!ssatb_php_to_long(&$input, SSATB_PHP_POSITION($input), (zend_long)(MIN), (zend_long)(MAX), &ssatb_v))
      SWIG_fail;
    $1 = ($1_ltype)ssatb_v;
  }
%}
%enddef

%ssatb_php_integer(int, INT_MIN, INT_MAX)
%ssatb_php_integer(enum SWIGTYPE, INT_MIN, INT_MAX)
%ssatb_php_integer(int32_t, INT32_MIN, INT32_MAX)
%ssatb_php_integer(unsigned int, 0, UINT_MAX)
%ssatb_php_integer(uint32_t, 0, UINT32_MAX)
%ssatb_php_integer(long, ZEND_LONG_MIN, ZEND_LONG_MAX)
%ssatb_php_integer(long long, ZEND_LONG_MIN, ZEND_LONG_MAX)
%ssatb_php_integer(int64_t, ZEND_LONG_MIN, ZEND_LONG_MAX)
/* %ssatb_php_zval(C type and name, PHP type): an argument the binding reads as the zval itself, once
 * SSATB_PHP_TYPED has checked it is of the declared PHP type (3. above). */
%define %ssatb_php_zval(TYPE, PHPTYPE)
%typemap(in, phptype=PHPTYPE) TYPE {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    if (($1 = SSATB_PHP_TYPED($input)) == NULL)
        SWIG_fail;
}
%enddef

/* PHP has no unsigned 64-bit integer: 0 .. PHP_INT_MAX. */
%ssatb_php_integer(unsigned long, 0, ZEND_LONG_MAX)
%ssatb_php_integer(unsigned long long, 0, ZEND_LONG_MAX)
%ssatb_php_integer(uint64_t, 0, ZEND_LONG_MAX)
%ssatb_php_integer(size_t, 0, (SIZE_MAX < (size_t)ZEND_LONG_MAX ? (zend_long)SIZE_MAX : ZEND_LONG_MAX))

%typemap(in, phptype="bool") bool %{
  SSATB_PHP_PARAM($input, "$1_name", $1);
  {
    bool ssatb_b = false;
    if (!ssatb_php_to_bool(&$input, SSATB_PHP_POSITION($input), &ssatb_b))
      SWIG_fail;
    $1 = ssatb_b;
  }
%}

/* ---- the parameter names (2. above) --------------------------------------------------------------- */
%{
/* One wrapper's parameters: `count` names, then as many defaults ("" for a required parameter), each
 * ended by a NUL, one after the other. */
typedef struct ssatb_php_params {
    zif_handler handler;
    uint32_t count;
    const char *names;
    const char *defaults;
} ssatb_php_params;

#include "ssat_php_params.h" /* ssatb_php_param_table[]: written by bindings/php/gen_params.php */

/* The replaced __get/__set/__isset (ssatb_php_harden_classes) are the binding's own, not SWIG's. */
static ZEND_NAMED_FUNCTION(ssatb_php_magic_get);
static ZEND_NAMED_FUNCTION(ssatb_php_magic_set);
static ZEND_NAMED_FUNCTION(ssatb_php_magic_isset);
static const ssatb_php_params ssatb_php_magic_params[] = {
    {ssatb_php_magic_get, 1, "name\0", "\0"},
    {ssatb_php_magic_set, 2, "name\0value\0", "\0null\0"}, /* SWIG declares one required */
    {ssatb_php_magic_isset, 1, "name\0", "\0"},
};

static const ssatb_php_params *ssatb_php_params_of(zif_handler handler)
{
    for (size_t i = 0; i < sizeof ssatb_php_param_table / sizeof ssatb_php_param_table[0]; i++)
        if (ssatb_php_param_table[i].handler == handler)
            return &ssatb_php_param_table[i];
    for (size_t i = 0; i < sizeof ssatb_php_magic_params / sizeof ssatb_php_magic_params[0]; i++)
        if (ssatb_php_magic_params[i].handler == handler)
            return &ssatb_php_magic_params[i];
    return NULL;
}

/* A class type of an arginfo by the class's real name: SWIG writes a parameter's class by its old
 * global name (SsatPolicy) and a returned handle's by its C type (ssat_csv_map for SsatCsvMap), which
 * reflection would give as is. The names are interned strings: nothing to release. */
static void ssatb_php_class_type(zend_type *type)
{
    if (!ZEND_TYPE_HAS_NAME(*type))
        return;
    char lc[128], *out = lc;
    const char *in = ZSTR_VAL(ZEND_TYPE_NAME(*type));
    if (strncmp(in, "ssatb_", 6) == 0) /* the binding's twin of the C type ssat_x */
        in += 5, out += snprintf(lc, sizeof lc, "ssat");
    for (; *in != '\0' && out + 1 < lc + sizeof lc; in++)
        if (*in != '_')
            *out++ = (char)tolower((unsigned char)*in);
    *out = '\0';
    /* "ssatcsvmap": the old global name, kept as an alias of Ssat\CsvMap (bindings/php/namespace.i). */
    zend_class_entry *ce = zend_hash_str_find_ptr(CG(class_table), lc, (size_t)(out - lc));
    if (ce != NULL)
        ZEND_TYPE_SET_PTR(*type, ce->name);
}

/* Give one function its parameter names, defaults and real class names, when it has a copy of its
 * arginfo that PHP owns (see the top): arg_info[-1] is the return type. */
static void ssatb_php_name_function(zend_function *fn)
{
    if (fn->type != ZEND_INTERNAL_FUNCTION || fn->internal_function.arg_info == NULL ||
        (fn->common.fn_flags & (ZEND_ACC_HAS_RETURN_TYPE | ZEND_ACC_HAS_TYPE_HINTS)) == 0)
        return;
    zend_internal_arg_info *info = fn->internal_function.arg_info;
    for (int32_t i = -1; i < (int32_t)fn->internal_function.num_args; i++)
        ssatb_php_class_type(&info[i].type);
    const ssatb_php_params *p = ssatb_php_params_of(fn->internal_function.handler);
    if (p == NULL || p->count != fn->internal_function.num_args)
        return;
    const char *name = p->names, *value = p->defaults;
    for (uint32_t i = 0; i < p->count; i++, name += strlen(name) + 1, value += strlen(value) + 1) {
        info[i].name = name;
        if (value[0] != '\0')
            info[i].default_value = value;
    }
}

/* Every function and method of this extension (run at the end of MINIT, after the namespace pass). */
static void ssatb_php_name_params(int module_number)
{
    zend_function *fn;
    zend_class_entry *ce;
    ZEND_HASH_FOREACH_PTR(CG(function_table), fn) {
        if (fn->type == ZEND_INTERNAL_FUNCTION && fn->internal_function.module != NULL &&
            fn->internal_function.module->module_number == module_number)
            ssatb_php_name_function(fn);
    } ZEND_HASH_FOREACH_END();
    ZEND_HASH_FOREACH_PTR(CG(class_table), ce) {
        if (ce->type != ZEND_INTERNAL_CLASS || ce->info.internal.module == NULL ||
            ce->info.internal.module->module_number != module_number)
            continue;
        ZEND_HASH_FOREACH_PTR(&ce->function_table, fn) {
            if (fn->common.scope == ce)
                ssatb_php_name_function(fn);
        } ZEND_HASH_FOREACH_END();
    } ZEND_HASH_FOREACH_END();
}
%}
