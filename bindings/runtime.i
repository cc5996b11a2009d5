/*
 * bindings/runtime.i: the common runtime of the libssat bindings, %included by bindings/ssat.i before the
 * per-header sections. Language values ("records") and pending errors, the ONE status check
 * (ssatb_check / SSATB_CHECK; the ssat_status out typemap for functions bound directly), and the
 * generic typemaps: dates, halves, `int32_t *out` / `ssat_date *out` / `ssat_window *out` as return
 * values, `(const char *, size_t)` buffers, NUL-checked strings, handles checked for their C object;
 * records built from a table of a struct's fields (ssatb_record), SSATB_DICT, lists from count/at pairs,
 * and the one-line factory body SSATB_FACTORY; the readers of language values (bytes, lists, mappings,
 * sizes) that let the bodies in ssat.i be written once for both languages (docs/bindings.md).
 * Where Python and PHP differ inside one helper, the two halves sit side by side (#ifdef SWIGPYTHON).
 */
/* ================================================================================================
 * Runtime: language values ("records"), pending errors, exceptions
 * ================================================================================================ */

%{
/* ---- values: one small API over PyObject* / zval so that record builders are written once ---- */
#ifdef SWIGPYTHON
typedef PyObject *ssatb_value;  /* a new reference; NULL means failed */
typedef PyObject *ssatb_input;  /* a borrowed argument */
#define SSATB_FAILED(v) ((v) == NULL)
static ssatb_value ssatb_failed(void) { return NULL; }
static void ssatb_release(ssatb_value *v) { Py_CLEAR(*v); }
static ssatb_value ssatb_null(void) { Py_RETURN_NONE; }
static ssatb_value ssatb_int(int64_t v) { return PyLong_FromLongLong((long long)v); }
static ssatb_value ssatb_bool(int v) { return PyBool_FromLong(v != 0); }
static ssatb_value ssatb_double(double v) { return PyFloat_FromDouble(v); }
static ssatb_value ssatb_str(const char *s)
{
    if (s == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "strict");
}
static ssatb_value ssatb_dict(void) { return PyDict_New(); }
static ssatb_value ssatb_list(void) { return PyList_New(0); }
/* Both steal `v`; return 0 (value released) on failure. */
static int ssatb_set(ssatb_value *d, const char *key, ssatb_value v)
{
    if (v == NULL)
        return 0;
    int rc = PyDict_SetItemString(*d, key, v);
    Py_DECREF(v);
    return rc == 0;
}
static int ssatb_append(ssatb_value *list, ssatb_value v)
{
    if (v == NULL)
        return 0;
    int rc = PyList_Append(*list, v);
    Py_DECREF(v);
    return rc == 0;
}
#else /* SWIGPHP */
typedef zval ssatb_value;       /* UNDEF means failed */
typedef zval *ssatb_input;
#define SSATB_FAILED(v) (Z_ISUNDEF(v))
static ssatb_value ssatb_failed(void) { zval z; ZVAL_UNDEF(&z); return z; }
static void ssatb_release(ssatb_value *v) { zval_ptr_dtor(v); ZVAL_UNDEF(v); }
static ssatb_value ssatb_null(void) { zval z; ZVAL_NULL(&z); return z; }
static ssatb_value ssatb_int(int64_t v) { zval z; ZVAL_LONG(&z, (zend_long)v); return z; }
static ssatb_value ssatb_bool(int v) { zval z; ZVAL_BOOL(&z, v != 0); return z; }
static ssatb_value ssatb_double(double v) { zval z; ZVAL_DOUBLE(&z, v); return z; }
static ssatb_value ssatb_str(const char *s)
{
    zval z;
    if (s == NULL)
        ZVAL_NULL(&z);
    else
        ZVAL_STRING(&z, s);
    return z;
}
static ssatb_value ssatb_dict(void) { zval z; array_init(&z); return z; }
static ssatb_value ssatb_list(void) { zval z; array_init(&z); return z; }
static int ssatb_set(ssatb_value *d, const char *key, ssatb_value v)
{
    if (Z_ISUNDEF(v))
        return 0;
    add_assoc_zval(d, key, &v);
    return 1;
}
static int ssatb_append(ssatb_value *list, ssatb_value v)
{
    if (Z_ISUNDEF(v))
        return 0;
    add_next_index_zval(list, &v);
    return 1;
}
#endif

/* ---- pending errors ---------------------------------------------------------------------------
 * Helpers (constructors, %extend methods, %inline functions) record a failure here and return a
 * failed value; the %exception block below raises it right after the call. Typemaps raise directly.
 * The message is copied at once: ssat_error_message() changes with the next libssat call. */
#define SSATB_TYPE_ERROR 1 /* not an ssat_status: a wrong argument type (Python/PHP TypeError) */
typedef struct ssatb_pending_error {
    int status;        /* 0: nothing pending */
    char message[1024];
    int has_problems;
    ssatb_value problems; /* InvalidData only: list of problem records */
    int has_refusal;
    ssatb_value refusal;  /* StateError of a refused case event: the refusal decision's record */
} ssatb_pending_error;
static _Thread_local ssatb_pending_error ssatb_pending;

static void ssatb_vfail(int status, const char *fmt, va_list ap)
{
    if (ssatb_pending.status != 0)
        return; /* keep the first failure */
    ssatb_pending.status = status;
    vsnprintf(ssatb_pending.message, sizeof ssatb_pending.message, fmt, ap);
}

/* An argument's name in messages: C's, without the maybe_ prefix that selects a nullable typemap, since
 * the languages' parameters are named without it (Python's package and PHP: `source`, not
 * `maybe_source`). */
static const char *ssatb_arg_name(const char *cname)
{
    return strncmp(cname, "maybe_", 6) == 0 ? cname + 6 : cname;
}

/* A binding-level failure with its own message. */
static void ssatb_fail_msg(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ssatb_vfail(status, fmt, ap);
    va_end(ap);
}

/* A libssat failure: records ssat_error_message() (or the status text when empty). */
static void ssatb_fail(ssat_status status)
{
    const char *msg = ssat_error_message();
    ssatb_fail_msg((int)status, "%s", msg[0] != '\0' ? msg : ssat_status_str(status));
}

/* THE status check of every helper and method below: true when `status` is SSAT_OK; otherwise the
 * failure is left pending (raised by %exception after the call) and false is returned. */
static bool ssatb_check(ssat_status status)
{
    if (status == SSAT_OK)
        return true;
    ssatb_fail(status);
    return false;
}

/* The same check in a function returning a language value: return the failure at once. */
#define SSATB_CHECK(call)                                                                                \
    do {                                                                                                 \
        if (!ssatb_check(call))                                                                          \
            return ssatb_failed();                                                                       \
    } while (0)

/* The body of a factory method: `call` makes a T in `made`, returned (NULL with the failure pending,
 * which SWIG's wrapper raises). E.g. { SSATB_FACTORY(ssat_pupil, ssat_pupil_new(id, NULL, &made)); } */
#define SSATB_FACTORY(T, call)                                                                           \
    do {                                                                                                 \
        T *made = NULL;                                                                                  \
        ssatb_check(call);                                                                               \
        return made;                                                                                     \
    } while (0)

/* realloc(old, n) (malloc when old is NULL), or NULL with NoMemory pending (old then kept). */
static void *ssatb_alloc(void *old, size_t n)
{
    void *p = realloc(old, n);
    if (p == NULL)
        ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
    return p;
}

/* A libssat failure with a prefix naming the argument or row. */
static void ssatb_fail_in(ssat_status status, const char *prefix)
{
    const char *msg = ssat_error_message();
    ssatb_fail_msg((int)status, "%s: %s", prefix, msg[0] != '\0' ? msg : ssat_status_str(status));
}

/* Attach the problem list (stolen) to the pending failure. */
static void ssatb_fail_problems(ssatb_value problems)
{
    if (ssatb_pending.has_problems)
        ssatb_release(&ssatb_pending.problems);
    ssatb_pending.problems = problems;
    ssatb_pending.has_problems = !SSATB_FAILED(problems);
}

/* Attach the refusal decision's record (stolen) to the pending failure. */
static void ssatb_fail_refusal(ssatb_value refusal)
{
    if (ssatb_pending.has_refusal)
        ssatb_release(&ssatb_pending.refusal);
    ssatb_pending.refusal = refusal;
    ssatb_pending.has_refusal = !SSATB_FAILED(refusal);
}

/* ---- exception classes: one per status, created in the extension ----------------------------- */
typedef struct ssatb_error_class {
    int status;
    const char *py_name;   /* ssat.<py_name> */
    const char *php_name;  /* global PHP class */
} ssatb_error_class;

/* Append a row for each status added to include/ssat/errors.h (a test checks that every status has
 * its own class). Row 0 is the base class. */
static const ssatb_error_class ssatb_error_classes[] = {
    {0, "Error", "SsatException"},
    {SSAT_ERR_NOMEM, "NoMemory", "SsatNoMemoryException"},
    {SSAT_ERR_INVALID_ARG, "InvalidArgument", "SsatInvalidArgumentException"},
    {SSAT_ERR_PARSE, "ParseError", "SsatParseException"},
    {SSAT_ERR_NOT_EVALUABLE, "NotEvaluable", "SsatNotEvaluableException"},
    {SSAT_ERR_STATE, "StateError", "SsatStateException"},
    {SSAT_ERR_RANGE, "RangeError", "SsatRangeException"},
    {SSAT_ERR_UNKNOWN_CODE, "UnknownCode", "SsatUnknownCodeException"},
    {SSAT_ERR_DUPLICATE, "Duplicate", "SsatDuplicateException"},
    {SSAT_ERR_NOT_FOUND, "NotFound", "SsatNotFoundException"},
    {SSAT_ERR_INVALID_DATA, "InvalidData", "SsatInvalidDataException"},
};
#define SSATB_N_ERROR_CLASSES (sizeof ssatb_error_classes / sizeof ssatb_error_classes[0])

static size_t ssatb_error_class_index(int status)
{
    for (size_t i = 1; i < SSATB_N_ERROR_CLASSES; i++)
        if (ssatb_error_classes[i].status == status)
            return i;
    return 0; /* a status this binding does not know yet: the base class */
}

#ifdef SWIGPYTHON
static PyObject *ssatb_py_classes[SSATB_N_ERROR_CLASSES];

/* Python bases besides ssat.Error, so `except ValueError` keeps working for callers. */
static PyObject *ssatb_py_extra_base(int status)
{
    switch (status) {
    case SSAT_ERR_NOMEM: return PyExc_MemoryError;
    case SSAT_ERR_INVALID_ARG:
    case SSAT_ERR_PARSE:
    case SSAT_ERR_RANGE:
    case SSAT_ERR_UNKNOWN_CODE:
    case SSAT_ERR_INVALID_DATA: return PyExc_ValueError;
    case SSAT_ERR_NOT_FOUND: return PyExc_LookupError;
    default: return NULL;
    }
}

static int ssatb_py_init_errors(PyObject *module)
{
    for (size_t i = 0; i < SSATB_N_ERROR_CLASSES; i++) {
        const ssatb_error_class *c = &ssatb_error_classes[i];
        char qualname[64];
        snprintf(qualname, sizeof qualname, "ssat.%s", c->py_name);
        PyObject *dict = PyDict_New(), *bases = NULL, *cls = NULL;
        if (dict == NULL)
            return -1;
        PyObject *status = i == 0 ? (Py_INCREF(Py_None), Py_None) : PyLong_FromLong(c->status);
        PyObject *empty = PyTuple_New(0);
        PyObject *doc = PyUnicode_FromFormat(
            i == 0 ? "Base class of every libssat failure; .status is the ssat_status value, .message the text."
                   : "libssat status %d (%s).", c->status, ssat_status_str((ssat_status)c->status));
        if (status && empty && doc && PyDict_SetItemString(dict, "status", status) == 0 &&
            PyDict_SetItemString(dict, "problems", empty) == 0 && PyDict_SetItemString(dict, "refusal", Py_None) == 0 &&
            PyDict_SetItemString(dict, "__doc__", doc) == 0) {
            if (i == 0)
                bases = (Py_INCREF(PyExc_Exception), PyExc_Exception);
            else if (ssatb_py_extra_base(c->status) != NULL)
                bases = PyTuple_Pack(2, ssatb_py_classes[0], ssatb_py_extra_base(c->status));
            else
                bases = PyTuple_Pack(1, ssatb_py_classes[0]);
            if (bases != NULL)
                cls = PyErr_NewException(qualname, bases, dict);
        }
        Py_XDECREF(status);
        Py_XDECREF(empty);
        Py_XDECREF(doc);
        Py_XDECREF(bases);
        Py_DECREF(dict);
        if (cls == NULL)
            return -1;
        ssatb_py_classes[i] = cls; /* the module keeps a reference too */
        Py_INCREF(cls);
        if (PyModule_AddObject(module, c->py_name, cls) != 0) {
            Py_DECREF(cls);
            return -1;
        }
    }
    return 0;
}

/* Raise the exception for `status` with `message`; steals `problems` and `refusal` (may be NULL). */
static void ssatb_throw(int status, const char *message, PyObject *problems, PyObject *refusal)
{
    if (status == SSATB_TYPE_ERROR) {
        PyErr_SetString(PyExc_TypeError, message);
        Py_XDECREF(problems);
        Py_XDECREF(refusal);
        return;
    }
    PyObject *cls = ssatb_py_classes[ssatb_error_class_index(status)];
    PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
    PyObject *exc = text != NULL ? PyObject_CallOneArg(cls, text) : NULL;
    PyObject *st = PyLong_FromLong(status);
    if (exc != NULL && st != NULL && PyObject_SetAttrString(exc, "status", st) == 0 &&
        PyObject_SetAttrString(exc, "message", text) == 0 &&
        (problems == NULL || PyObject_SetAttrString(exc, "problems", problems) == 0) &&
        (refusal == NULL || PyObject_SetAttrString(exc, "refusal", refusal) == 0))
        PyErr_SetObject(cls, exc);
    Py_XDECREF(st);
    Py_XDECREF(exc);
    Py_XDECREF(text);
    Py_XDECREF(problems);
    Py_XDECREF(refusal);
}
#else /* SWIGPHP */
static zend_class_entry *ssatb_php_classes[SSATB_N_ERROR_CLASSES];

static void ssatb_php_init_errors(void)
{
    for (size_t i = 0; i < SSATB_N_ERROR_CLASSES; i++) {
        const ssatb_error_class *c = &ssatb_error_classes[i];
        zend_class_entry ce;
        INIT_CLASS_ENTRY_EX(ce, c->php_name, strlen(c->php_name), NULL);
        zend_class_entry *cls = zend_register_internal_class_ex(&ce, i == 0 ? zend_ce_exception : ssatb_php_classes[0]);
        /* STATUS: the ssat_status value (also the exception code; subclasses only: an internal class
         * cannot redeclare an inherited constant); problems: see InvalidData; refusal: see SsatCase. */
        if (i != 0)
            zend_declare_class_constant_long(cls, "STATUS", sizeof "STATUS" - 1, c->status);
        else {
            zval empty;
            ZVAL_EMPTY_ARRAY(&empty);
            zend_declare_property(cls, "problems", sizeof "problems" - 1, &empty, ZEND_ACC_PUBLIC);
            zend_declare_property_null(cls, "refusal", sizeof "refusal" - 1, ZEND_ACC_PUBLIC);
        }
        ssatb_php_classes[i] = cls;
    }
}

/* Throw the exception for `status`; takes `problems` and `refusal` (may be NULL). */
static void ssatb_throw(int status, const char *message, zval *problems, zval *refusal)
{
    if (status == SSATB_TYPE_ERROR) {
        zend_type_error("%s", message);
    } else {
        zend_class_entry *cls = ssatb_php_classes[ssatb_error_class_index(status)];
        zend_object *exc = zend_throw_exception(cls, message, (zend_long)status);
        if (problems != NULL && exc != NULL)
            zend_update_property(cls, exc, "problems", sizeof "problems" - 1, problems);
        if (refusal != NULL && exc != NULL)
            zend_update_property(cls, exc, "refusal", sizeof "refusal" - 1, refusal);
    }
    if (problems != NULL)
        zval_ptr_dtor(problems);
    if (refusal != NULL)
        zval_ptr_dtor(refusal);
}
#endif

/* Raise the pending failure (if any); returns 1 when one was raised. */
static int ssatb_raise_pending(void)
{
    if (ssatb_pending.status == 0)
        return 0;
    int status = ssatb_pending.status;
    ssatb_pending.status = 0;
#ifdef SWIGPYTHON
    PyObject *problems = ssatb_pending.has_problems ? ssatb_pending.problems : NULL;
    PyObject *refusal = ssatb_pending.has_refusal ? ssatb_pending.refusal : NULL;
    ssatb_pending.has_problems = ssatb_pending.has_refusal = 0;
    ssatb_pending.problems = ssatb_pending.refusal = NULL;
    ssatb_throw(status, ssatb_pending.message, problems, refusal);
#else
    zval problems, refusal;
    int has = ssatb_pending.has_problems, has_refusal = ssatb_pending.has_refusal;
    if (has)
        ZVAL_COPY_VALUE(&problems, &ssatb_pending.problems);
    if (has_refusal)
        ZVAL_COPY_VALUE(&refusal, &ssatb_pending.refusal);
    ssatb_pending.has_problems = ssatb_pending.has_refusal = 0;
    ZVAL_UNDEF(&ssatb_pending.problems);
    ZVAL_UNDEF(&ssatb_pending.refusal);
    ssatb_throw(status, ssatb_pending.message, has ? &problems : NULL, has_refusal ? &refusal : NULL);
#endif
    return 1;
}

/* Raise a libssat failure at once (typemaps); `prefix` (may be NULL) names the argument. */
static void ssatb_throw_status(ssat_status status, const char *prefix)
{
    if (prefix != NULL)
        ssatb_fail_in(status, prefix);
    else
        ssatb_fail(status);
    ssatb_raise_pending();
}
%}

/* Raise whatever a helper left pending, right after each call. A wrapper can run while another one's
 * failure is pending (a destructor called when a helper releases a value holding an object): it must
 * neither raise nor clear that failure, hence the check of what was pending before the call. */
%exception {
    const int ssatb_outer_pending = ssatb_pending.status != 0;
#ifdef SWIGPHP
    if (!ssatb_php_this_ok(execute_data))
        SWIG_fail; /* a method of an object without its C object (see "reliability" below) */
#endif
    $action
    if (!ssatb_outer_pending && ssatb_raise_pending())
        SWIG_fail;
}

/* Module initialisation: bindings/python/python.i and bindings/php/php.i. */

/* ---- record results --------------------------------------------------------------------------- */
#ifdef SWIGPYTHON
%typemap(out) ssatb_value {
    if ($1 == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_SystemError, "libssat binding: no value and no exception");
        SWIG_fail;
    }
    $result = $1;
}
%typemap(in) ssatb_input "$1 = $input;"
#else
%{
/* A wrapper's result `value` into `result`; 0 when the call failed (its exception thrown). */
static int ssatb_php_return(zval *value, zval *result)
{
    if (Z_ISUNDEF_P(value)) {
        if (!EG(exception))
            zend_throw_error(NULL, "libssat binding: no value and no exception");
        return 0;
    }
    ZVAL_COPY_VALUE(result, value);
    return 1;
}

/* The result a wrapper returns, checked against the return type its arginfo declares (none: any), so
 * that a wrong declaration (below: %ssatb_value_as, %ssatb_status_returns) is an Error in every test
 * and fuzz run, not a stub that misleads. 0 with the Error thrown and `result` released. */
static int ssatb_php_check_return(zval *result)
{
    const zend_function *fn = EG(current_execute_data) != NULL ? EG(current_execute_data)->func : NULL;
    if (fn == NULL || (fn->common.fn_flags & ZEND_ACC_HAS_RETURN_TYPE) == 0 || EG(exception) != NULL)
        return 1;
    zend_type type = fn->common.arg_info[-1].type;
    uint32_t code = Z_TYPE_P(result);
    if (ZEND_TYPE_CONTAINS_CODE(type, code) || (code == IS_NULL && ZEND_TYPE_CONTAINS_CODE(type, IS_VOID)) ||
        (code == IS_OBJECT && ZEND_TYPE_IS_COMPLEX(type)))
        return 1;
    zend_string *declared = zend_type_to_string(type);
    zend_throw_error(NULL, "libssat binding: %s() returned %s, not its declared %s",
                     ZSTR_VAL(fn->common.function_name), zend_zval_type_name(result), ZSTR_VAL(declared));
    zend_string_release(declared);
    zval_ptr_dtor(result);
    ZVAL_NULL(result);
    return 0;
}
%}
%typemap(out) ssatb_value "if (!ssatb_php_return(&$1, $result)) SWIG_fail;"
%typemap(ret) ssatb_value, ssat_status "if (!ssatb_php_check_return(return_value)) SWIG_fail;"
/* PHP does not enforce an extension's declared parameter types: SSATB_PHP_TYPED checks for an array. */
%ssatb_php_zval(ssatb_input, "array")
#endif

/* ---- ssat_status: OK returns nothing (or the out-parameters), anything else raises ------------- */
#ifdef SWIGPYTHON
%typemap(out) ssat_status {
    if ($1 != SSAT_OK) {
        ssatb_throw_status($1, NULL);
        SWIG_fail;
    }
    $result = SWIG_Py_Void();
}
#else
%{
/* The `out` code of a status in PHP: OK returns (the out parameters' values, if any), anything else
 * raises. One body for every typemap below that declares a PHP return type. */
#define SSATB_PHP_STATUS_OUT(st) \
    do { \
        if ((st) != SSAT_OK) { \
            ssatb_throw_status((st), NULL); \
            SWIG_fail; \
        } \
    } while (0)
%}
%typemap(out) ssat_status "SSATB_PHP_STATUS_OUT($1);"
#endif
/* A method returning its status (raised) and one value in an out parameter is declared with the
 * type of that value, so that PHP declares the method's return type: `ssatb_void` (nothing),
 * `ssatb_as_bool`, `ssatb_as_int`, `ssatb_as_text` (string, a date), `ssatb_as_maybe_text` (string or
 * null), `ssatb_as_array` (a window). */
#ifdef SWIGPHP
%define %ssatb_status_as(T, PHPTYPE)
%inline %{ typedef ssat_status T; %}
%typemap(out, phptype=PHPTYPE) T "SSATB_PHP_STATUS_OUT($1);"
%enddef
#else
%define %ssatb_status_as(T, PHPTYPE)
%inline %{ typedef ssat_status T; %}
%enddef
#endif
%ssatb_status_as(ssatb_void, "void")
%ssatb_status_as(ssatb_as_bool, "bool")
%ssatb_status_as(ssatb_as_int, "int")
%ssatb_status_as(ssatb_as_text, "string")
%ssatb_status_as(ssatb_as_maybe_text, "?string")
%ssatb_status_as(ssatb_as_array, "array") /* a window */

/* A C function of the headers returning its status and one value through an out parameter declares
 * that value's PHP type by its name: %ssatb_status_returns("string", ssat_date_parse). */
#ifdef SWIGPHP
%define %ssatb_status_returns(PHPTYPE, NAME)
%typemap(out, phptype=PHPTYPE) ssat_status NAME "SSATB_PHP_STATUS_OUT($1);"
%enddef
#else
%define %ssatb_status_returns(PHPTYPE, NAME) %enddef
#endif

/* A value that is always of one PHP type is returned as a name of ssatb_value for that type (the same
 * value in C and Python), so that PHP declares the return type, for IDEs, the stub and static
 * analysis: `ssatb_array_value summary(...)` is `summary(array $window, ...): array`. */
#ifdef SWIGPHP
%define %ssatb_value_as(T, PHPTYPE)
%inline %{ typedef ssatb_value T; %}
%typemap(out, phptype=PHPTYPE) T "if (!ssatb_php_return(&$1, $result)) SWIG_fail;"
%enddef
#else
%define %ssatb_value_as(T, PHPTYPE)
%inline %{ typedef ssatb_value T; %}
%enddef
#endif
%ssatb_value_as(ssatb_array_value, "array")  /* a record or a list */
%ssatb_value_as(ssatb_text_value, "string")
%ssatb_value_as(ssatb_maybe_text_value, "?string")
%ssatb_value_as(ssatb_int_value, "int")
%ssatb_value_as(ssatb_void_value, "void")    /* null */
/* Objects borrowed from a parent (ssatb_borrowed), by the class's SWIG name (made the real one at MINIT). */
%ssatb_value_as(ssatb_codeset_value, "SsatCodeSet")
%ssatb_value_as(ssatb_register_value, "SsatRegister")
%ssatb_value_as(ssatb_pupil_value, "SsatPupil")
%ssatb_value_as(ssatb_pack_value, "SsatPack")

/* ---- dates ------------------------------------------------------------------------------------- */
%{
/* A date as a language value: Python datetime.date, PHP "YYYY-MM-DD". */
static ssatb_value ssatb_date(ssat_date d)
{
#ifdef SWIGPYTHON
    int32_t y = 0, m = 0, day = 0;
    SSATB_CHECK(ssat_date_to_ymd(d, &y, &m, &day));
    return PyDate_FromDate((int)y, (int)m, (int)day);
#else
    char buf[SSAT_DATE_BUFSIZE];
    SSATB_CHECK(ssat_date_format(d, buf, sizeof buf));
    zval z;
    ZVAL_STRINGL(&z, buf, strlen(buf));
    return z;
#endif
}

static ssatb_value ssatb_half(ssat_half h) { return ssatb_str(h == SSAT_PM ? "PM" : "AM"); }

/* A date text with a NUL byte is malformed (C would read only the part before it): ParseError. */
static ssat_status ssatb_date_nul(const char *text, const char *arg)
{
    ssatb_fail_msg(SSAT_ERR_PARSE, "%s: the text holds a NUL byte (at byte %zu), not a date of the form YYYY-MM-DD",
                   arg, strlen(text));
    return SSAT_ERR_PARSE;
}

/* Argument conversions: return 1, or 0 with the exception raised. */
static int ssatb_to_date(ssatb_input in, ssat_date *out, const char *arg)
{
    ssat_status st;
#ifdef SWIGPYTHON
    if (PyUnicode_Check(in)) {
        Py_ssize_t n = 0;
        const char *text = PyUnicode_AsUTF8AndSize(in, &n);
        if (text == NULL)
            return 0;
        st = strlen(text) == (size_t)n ? ssat_date_parse(text, out) : ssatb_date_nul(text, arg);
    } else if (PyDateTime_Check(in)) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: a datetime.datetime is not a date; pass .date() (libssat has no clock)", arg);
        ssatb_raise_pending();
        return 0;
    } else if (PyDate_Check(in)) {
        st = ssat_date_from_ymd(PyDateTime_GET_YEAR(in), PyDateTime_GET_MONTH(in), PyDateTime_GET_DAY(in), out);
    } else {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected a datetime.date or a 'YYYY-MM-DD' str, not %s", arg,
                       Py_TYPE(in)->tp_name);
        ssatb_raise_pending();
        return 0;
    }
#else
    if (Z_TYPE_P(in) != IS_STRING) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected a 'YYYY-MM-DD' string, not %s", arg, zend_zval_type_name(in));
        ssatb_raise_pending();
        return 0;
    }
    st = strlen(Z_STRVAL_P(in)) == Z_STRLEN_P(in) ? ssat_date_parse(Z_STRVAL_P(in), out)
                                                    : ssatb_date_nul(Z_STRVAL_P(in), arg);
#endif
    if (st != SSAT_OK) {
        ssatb_throw_status(st, arg);
        return 0;
    }
    return 1;
}

static int ssatb_half_from_text(const char *s, size_t n, ssat_half *out)
{
    if (n == 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'M' || s[1] == 'm')) {
        *out = SSAT_AM;
        return 1;
    }
    if (n == 2 && (s[0] == 'P' || s[0] == 'p') && (s[1] == 'M' || s[1] == 'm')) {
        *out = SSAT_PM;
        return 1;
    }
    return 0;
}

static int ssatb_to_half(ssatb_input in, ssat_half *out, const char *arg)
{
    long long v = -1;
#ifdef SWIGPYTHON
    if (PyUnicode_Check(in)) {
        Py_ssize_t n = 0;
        const char *s = PyUnicode_AsUTF8AndSize(in, &n);
        if (s == NULL)
            return 0;
        if (ssatb_half_from_text(s, (size_t)n, out))
            return 1;
    } else if (PyLong_Check(in) && !PyBool_Check(in)) {
        v = PyLong_AsLongLong(in);
        if (v == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            v = -1;
        }
    } else {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected ssat.AM, ssat.PM, 'AM' or 'PM', not %s", arg, Py_TYPE(in)->tp_name);
        ssatb_raise_pending();
        return 0;
    }
#else
    if (Z_TYPE_P(in) == IS_STRING) {
        if (ssatb_half_from_text(Z_STRVAL_P(in), Z_STRLEN_P(in), out))
            return 1;
    } else if (Z_TYPE_P(in) == IS_LONG) {
        v = Z_LVAL_P(in);
    } else {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected SSAT_AM, SSAT_PM, 'AM' or 'PM', not %s", arg, zend_zval_type_name(in));
        ssatb_raise_pending();
        return 0;
    }
#endif
    if (v == SSAT_AM || v == SSAT_PM) {
        *out = (ssat_half)v;
        return 1;
    }
    ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "%s: a session half is AM (0) or PM (1)", arg);
    ssatb_raise_pending();
    return 0;
}
%}

#ifdef SWIGPYTHON
%typemap(in) ssat_date { if (!ssatb_to_date($input, &$1, "$1_name")) SWIG_fail; }
%typemap(in) ssat_half { if (!ssatb_to_half($input, &$1, "$1_name")) SWIG_fail; }
#else
%typemap(in, phptype="string") ssat_date {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    zval *ssatb_in = SSATB_PHP_TYPED($input);
    if (ssatb_in == NULL || !ssatb_to_date(ssatb_in, &$1, SSATB_PHP_NAME($input, "$1_name")))
        SWIG_fail;
}
%typemap(in, phptype="int|string") ssat_half {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    zval *ssatb_in = SSATB_PHP_TYPED($input);
    if (ssatb_in == NULL || !ssatb_to_half(ssatb_in, &$1, SSATB_PHP_NAME($input, "$1_name")))
        SWIG_fail;
}
#endif

/* ---- enum arguments: one of the enum's values ----------------------------------------------------
 * C's name functions answer "" for a value they do not know (ssat_category_name(99, ...)), and
 * ssat_decision_answer() unknown for an unknown question: an answer a caller would take for one. The
 * bindings refuse such a value instead (InvalidArgument naming the argument), after the language's own
 * conversion (PHP's rules: bindings/php/arguments.i; Python: SWIG's, range checked). */
%define %ssatb_enum_values(TYPE, FIRST, LAST)
%typemap(check, noblock=1) TYPE {
  if ((long long)$1 < (long long)(FIRST) || (long long)$1 > (long long)(LAST)) {
    ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "$1_name: %lld is not a value of TYPE (%d to %d)", (long long)$1,
                   (int)(FIRST), (int)(LAST));
    ssatb_raise_pending();
    SWIG_fail;
  }
}
%enddef
%ssatb_enum_values(ssat_lang, SSAT_LANG_EN, SSAT_LANG_CY_EN)
%ssatb_enum_values(ssat_category, SSAT_CATEGORY_PRESENT, SSAT_CATEGORY_NOT_COUNTED)
%ssatb_enum_values(ssat_outcome, SSAT_OUTCOME_NOT_MET, SSAT_OUTCOME_UNKNOWN)
%ssatb_enum_values(ssat_case_state, SSAT_CASE_MONITORING, SSAT_CASE_CLOSED)
%ssatb_enum_values(ssat_fact, SSAT_FACT_UNKNOWN, SSAT_FACT_YES)
%ssatb_enum_values(ssat_pupil_fact, SSAT_PUPIL_ON_ROLL, SSAT_PUPIL_PROCEDURES_FOLLOWED)
%ssatb_enum_values(ssat_question, SSAT_QUESTION_REFERRAL_REGISTER, SSAT_QUESTION_SEVERE_ABSENCE)

/* A fact's value: a bool is known to be true or false (SSAT_FACT_YES, SSAT_FACT_NO) and None / null is
 * unknown, not their integer values: SSAT_FACT_NO is 1, so set_fact(ON_ROLL, true) recorded "known to
 * be false" (and false "unknown"). An int is one of SSAT_FACT_UNKNOWN, _NO, _YES (checked above). */
#ifdef SWIGPYTHON
%typemap(in) ssat_fact value {
  if (PyBool_Check($input) || $input == Py_None) {
    $1 = $input == Py_None ? SSAT_FACT_UNKNOWN : $input == Py_True ? SSAT_FACT_YES : SSAT_FACT_NO;
  } else {
    long ssatb_v = 0;
    int ssatb_res = SWIG_AsVal_long($input, &ssatb_v);
    if (!SWIG_IsOK(ssatb_res) || ssatb_v < INT_MIN || ssatb_v > INT_MAX)
      SWIG_exception_fail(SWIG_IsOK(ssatb_res) ? SWIG_OverflowError : SWIG_ArgError(ssatb_res),
                          "$1_name: expected a bool, None or an SSAT_FACT_* value");
    $1 = (ssat_fact)ssatb_v;
  }
}
#else
%typemap(in, phptype="bool|int|null") ssat_fact value %{
  SSATB_PHP_PARAM($input, "$1_name", $1);
  if (Z_TYPE($input) == IS_TRUE || Z_TYPE($input) == IS_FALSE || Z_TYPE($input) == IS_NULL) {
    $1 = Z_TYPE($input) == IS_NULL ? SSAT_FACT_UNKNOWN : Z_TYPE($input) == IS_TRUE ? SSAT_FACT_YES : SSAT_FACT_NO;
  } else if (Z_TYPE($input) == IS_ARRAY || Z_TYPE($input) == IS_OBJECT || Z_TYPE($input) == IS_RESOURCE) {
    ssatb_php_type_error(&$input, SSATB_PHP_POSITION($input)); /* "must be of type int|bool|null" */
    SWIG_fail;
  } else {
    zend_long ssatb_v = 0;
    if (!ssatb_php_to_long(&$input, SSATB_PHP_POSITION($input), INT_MIN, INT_MAX, &ssatb_v))
      SWIG_fail;
    $1 = (ssat_fact)ssatb_v;
  }
%}
#endif

/* `T *out` returned as the language value `value` (an expression of $1), raising what a failed
 * conversion left pending: ssat_date here, ssat_window below. */
#ifdef SWIGPYTHON
%define %ssatb_value_out(T, value)
%typemap(argout) T *out {
    PyObject *v = value;
    if (v == NULL) {
        ssatb_raise_pending();
        SWIG_fail;
    }
    $result = SWIG_Python_AppendOutput($result, v);
}
%enddef
#else
%define %ssatb_value_out(T, value)
%typemap(argout) T *out {
    zval v = value;
    if (Z_ISUNDEF(v)) {
        ssatb_raise_pending();
        SWIG_fail;
    }
    ZVAL_COPY_VALUE($result, &v);
}
%enddef
#endif

/* `ssat_date *out`: a returned date. */
%typemap(in, numinputs=0) ssat_date *out (ssat_date tmp = 0) "$1 = &tmp;"
%ssatb_value_out(ssat_date, ssatb_date(*$1))

/* `int32_t *out`: a returned integer. */
%typemap(in, numinputs=0) int32_t *out (int32_t tmp = 0) "$1 = &tmp;"
#ifdef SWIGPYTHON
%typemap(argout) int32_t *out "$result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)*$1));"
#else
%typemap(argout) int32_t *out "ZVAL_LONG($result, (zend_long)*$1);"
#endif

/* More returned values, for methods bound straight to their C function (%ssatb_method below):
 * `T *out` integers and enums, `int32_t *out_bool` (a C truth value as a bool), `const char **out`
 * (a borrowed string, copied; null stays null), `char **out` (an owned string, copied and released
 * with ssat_free). A method making a new handle keeps a body returning `SsatX *` (with %newobject), so
 * that PHP declares the class as its return type. */
#ifdef SWIGPYTHON
%define %ssatb_int_out(T)
%typemap(in, numinputs=0) T *out (T tmp = 0) "$1 = &tmp;"
%typemap(argout) T *out "$result = SWIG_Python_AppendOutput($result, PyLong_FromLongLong((long long)*$1));"
%enddef
#else
%define %ssatb_int_out(T)
%typemap(in, numinputs=0) T *out (T tmp = 0) "$1 = &tmp;"
%typemap(argout) T *out "ZVAL_LONG($result, (zend_long)*$1);"
%enddef
#endif
%ssatb_int_out(int64_t)
%ssatb_int_out(uint32_t)
%ssatb_int_out(ssat_comparator)
%typemap(in, numinputs=0) int32_t *out_bool (int32_t tmp = 0) "$1 = &tmp;"
%typemap(in, numinputs=0) const char **out (const char *tmp = NULL) "$1 = ($1_ltype)&tmp;"
%typemap(in, numinputs=0) char **out (char *tmp = NULL) "$1 = &tmp;"
#ifdef SWIGPYTHON
%typemap(argout) int32_t *out_bool "$result = SWIG_Python_AppendOutput($result, PyBool_FromLong(*$1 != 0));"
/* Text that is not UTF-8 raises UnicodeDecodeError (an owned text is released either way). */
%typemap(argout) const char **out {
    PyObject *ssatb_v = ssatb_str(*$1);
    if (ssatb_v == NULL)
        SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, ssatb_v);
}
%typemap(argout) char **out {
    PyObject *ssatb_v = ssatb_owned_str(*$1);
    if (ssatb_v == NULL)
        SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, ssatb_v);
}
#else
%typemap(argout) int32_t *out_bool "ZVAL_BOOL($result, *$1 != 0);"
%typemap(argout) const char **out "if (*$1 != NULL) ZVAL_STRING($result, *$1); else ZVAL_NULL($result);"
%typemap(argout) char **out "if (*$1 != NULL) ZVAL_STRING($result, *$1); else ZVAL_NULL($result); ssat_free(*$1);"
#endif

/* A method of class `Class` bound straight to its C function: a declaration without a body in
 * `%extend Class` makes SWIG call Class_method(self, ...), which this maps onto `cfunc`. A module
 * function declared to SWIG under a binding name (`ssatb_x`, %renamed to ssat_x) is mapped the same
 * way by %ssatb_alias. */
%define %ssatb_alias(name, cfunc)
%header %{ #define name(...) cfunc(__VA_ARGS__) %}
%enddef
%define %ssatb_method(Class, method, cfunc)
%ssatb_alias(Class##_##method, cfunc)
%enddef

/* ---- records from structs and lists from count/at functions ------------------------------------
 * A struct's record is a table of its fields (key, kind, where) read by ONE builder, ssatb_record(), so
 * a new struct field is one line of its table. The macros take the member's size from its type and
 * check the kind against it (_Generic), so a table cannot read a member as the wrong type. A record
 * that is not a struct (the out parameters of one call) is SSATB_DICT(key, value, ...). */
%{
typedef enum ssatb_kind {
    SSATB_K_INT,  /* a signed integer member (any width) */
    SSATB_K_UINT, /* an unsigned integer or enum member (any width) */
    SSATB_K_STR,  /* const char * (NULL: None/null) */
    SSATB_K_DATE, /* ssat_date */
    SSATB_K_HALF, /* ssat_half: "AM"/"PM" */
    SSATB_K_CALL  /* computed from the whole struct by `call` */
} ssatb_kind;
typedef struct ssatb_field {
    const char *key;
    ssatb_kind kind;
    size_t offset, size; /* of the member */
    ssatb_value (*call)(const void *s);
} ssatb_field;

#define SSATB_MEMBER(T, m) (((T *)0)->m)
#define SSATB_INT_KIND(x) \
    _Generic((x), unsigned char: SSATB_K_UINT, unsigned short: SSATB_K_UINT, unsigned int: SSATB_K_UINT, \
             unsigned long: SSATB_K_UINT, unsigned long long: SSATB_K_UINT, signed char: SSATB_K_INT, \
             short: SSATB_K_INT, int: SSATB_K_INT, long: SSATB_K_INT, long long: SSATB_K_INT)
#define SSATB_AT(T, m) offsetof(T, m), sizeof SSATB_MEMBER(T, m), NULL
/* An integer or enum member (signedness from its type), a text, a date, a half, a computed value. */
#define SSATB_INT(T, m) {#m, SSATB_INT_KIND(SSATB_MEMBER(T, m)), SSATB_AT(T, m)}
#define SSATB_STR(T, m) \
    {#m, _Generic(SSATB_MEMBER(T, m), const char *: SSATB_K_STR, char *: SSATB_K_STR), SSATB_AT(T, m)}
#define SSATB_DATE(T, m) {#m, _Generic(SSATB_MEMBER(T, m), ssat_date: SSATB_K_DATE), SSATB_AT(T, m)}
#define SSATB_HALF(T, m) {#m, _Generic(SSATB_MEMBER(T, m), ssat_half: SSATB_K_HALF), SSATB_AT(T, m)}
#define SSATB_CALL(key, fn) {key, SSATB_K_CALL, 0, 0, fn}
#define SSATB_COUNT(table) (sizeof(table) / sizeof(table)[0])

static ssatb_value ssatb_field_value(const void *s, const ssatb_field *f)
{
    const unsigned char *p = (const unsigned char *)s + f->offset;
    if (f->kind == SSATB_K_CALL)
        return f->call(s);
    if (f->kind == SSATB_K_STR) {
        const char *text = NULL;
        memcpy(&text, p, sizeof text);
        return ssatb_str(text);
    }
    /* The member's bits at its own width (1, 2, 4 or 8 bytes), then sign-extended if it is signed. */
    uint64_t u = 0;
    uint8_t b1 = 0;
    uint16_t b2 = 0;
    uint32_t b4 = 0;
    switch (f->size) {
    case 1: memcpy(&b1, p, 1); u = b1; break;
    case 2: memcpy(&b2, p, 2); u = b2; break;
    case 4: memcpy(&b4, p, 4); u = b4; break;
    default: memcpy(&u, p, 8); break;
    }
    unsigned bits = (unsigned)f->size * 8u;
    if (f->kind != SSATB_K_UINT && bits < 64 && (u >> (bits - 1)) != 0)
        u |= UINT64_MAX << bits;
    int64_t v = (int64_t)u; /* two's complement: the signed value, or an unsigned one below 2^63 */
    if (f->kind == SSATB_K_DATE)
        return ssatb_date((ssat_date)v);
    if (f->kind == SSATB_K_HALF)
        return ssatb_half((ssat_half)v);
    return ssatb_int(v);
}

/* Set every field of `s` in the record *d; 0 (*d kept, to release) on failure. */
static int ssatb_set_fields(ssatb_value *d, const void *s, const ssatb_field *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!ssatb_set(d, fields[i].key, ssatb_field_value(s, &fields[i])))
            return 0;
    return 1;
}

/* The record of struct `s` described by `fields`. */
static ssatb_value ssatb_record(const void *s, const ssatb_field *fields, size_t n)
{
    ssatb_value d = ssatb_dict();
    if (!SSATB_FAILED(d) && !ssatb_set_fields(&d, s, fields, n))
        ssatb_release(&d);
    return d;
}
#define SSATB_RECORD(s, table) ssatb_record((s), (table), SSATB_COUNT(table))

/* Many records of one table (a batch's pupils, one each): the table's keys made once for them all,
 * not once a record (Python's PyDict_SetItemString makes and interns its key each time: a batch's
 * dicts take half the time this way), plus one `extra` key (or NULL) set by the caller. */
#define SSATB_MAX_KEYS 16
#ifdef SWIGPYTHON
typedef PyObject *ssatb_key;
static ssatb_key ssatb_key_new(const char *key) { return PyUnicode_InternFromString(key); }
static void ssatb_key_free(ssatb_key key) { Py_XDECREF(key); }
static int ssatb_set_key(ssatb_value *d, ssatb_key key, ssatb_value v)
{
    if (v == NULL)
        return 0;
    int rc = PyDict_SetItem(*d, key, v);
    Py_DECREF(v);
    return rc == 0;
}
#else
typedef zend_string *ssatb_key;
static ssatb_key ssatb_key_new(const char *key) { return zend_string_init(key, strlen(key), 0); }
static void ssatb_key_free(ssatb_key key) { if (key != NULL) zend_string_release(key); }
static int ssatb_set_key(ssatb_value *d, ssatb_key key, ssatb_value v)
{
    if (Z_ISUNDEF(v))
        return 0;
    zend_hash_update(Z_ARRVAL_P(d), key, &v);
    return 1;
}
#endif
typedef struct ssatb_keys {
    const ssatb_field *fields;
    size_t n;
    ssatb_key key[SSATB_MAX_KEYS];
    ssatb_key extra;
} ssatb_keys;

static void ssatb_keys_done(ssatb_keys *keys)
{
    for (size_t i = 0; i < keys->n; i++)
        ssatb_key_free(keys->key[i]);
    ssatb_key_free(keys->extra);
    memset(keys, 0, sizeof *keys);
}

/* 1, or 0 with a failure pending (nothing to release): NoMemory, or a table longer than SSATB_MAX_KEYS
 * (a binding bug, which the callers also rule out at compile time). */
static int ssatb_keys_make(ssatb_keys *keys, const ssatb_field *fields, size_t n, const char *extra)
{
    memset(keys, 0, sizeof *keys);
    keys->fields = fields;
    if (n > SSATB_MAX_KEYS) {
        ssatb_fail_msg(SSAT_ERR_STATE, "libssat binding: a record of %zu fields, more than %d", n, SSATB_MAX_KEYS);
        return 0;
    }
    int ok = 1;
    for (; ok && keys->n < n; keys->n++)
        ok = (keys->key[keys->n] = ssatb_key_new(fields[keys->n].key)) != NULL;
    if (ok && extra != NULL)
        ok = (keys->extra = ssatb_key_new(extra)) != NULL;
    if (!ok) {
        ssatb_keys_done(keys);
        ssatb_fail_msg(SSAT_ERR_NOMEM, "out of memory");
    }
    return ok;
}

/* The record of struct `s` with the keys made by ssatb_keys_make(). */
static ssatb_value ssatb_keyed_record(const void *s, const ssatb_keys *keys)
{
    ssatb_value d = ssatb_dict();
    for (size_t i = 0; i < keys->n && !SSATB_FAILED(d); i++)
        if (!ssatb_set_key(&d, keys->key[i], ssatb_field_value(s, &keys->fields[i])))
            ssatb_release(&d);
    return d;
}

/* A record of (const char *key, ssatb_value value) pairs ending with a NULL key (SSATB_DICT adds it);
 * takes every value, also on failure. */
static ssatb_value ssatb_dict_of(const char *key, ...)
{
    va_list ap;
    va_start(ap, key);
    ssatb_value d = ssatb_dict();
    for (; key != NULL; key = va_arg(ap, const char *)) {
        ssatb_value v = va_arg(ap, ssatb_value);
        if (SSATB_FAILED(d))
            ssatb_release(&v);
        else if (!ssatb_set(&d, key, v))
            ssatb_release(&d);
    }
    va_end(ap);
    return d;
}
#define SSATB_DICT(...) ssatb_dict_of(__VA_ARGS__, (const char *)NULL)

/* The list of at(ctx, 0 .. n-1): the records or values of a count/at pair of C functions. */
static ssatb_value ssatb_list_of(size_t n, ssatb_value (*at)(const void *ctx, size_t i), const void *ctx)
{
    ssatb_value list = ssatb_list();
    for (size_t i = 0; i < n && !SSATB_FAILED(list); i++)
        if (!ssatb_append(&list, at(ctx, i)))
            ssatb_release(&list);
    return list;
}

/* Element i of an int64_t array, for ssatb_list_of. */
static ssatb_value ssatb_int_at(const void *ints, size_t i) { return ssatb_int(((const int64_t *)ints)[i]); }

/* The list of name_at(0 .. n-1), e.g. the built-in set names. */
static ssatb_value ssatb_names(size_t n, const char *(*name_at)(size_t))
{
    ssatb_value list = ssatb_list();
    for (size_t i = 0; i < n && !SSATB_FAILED(list); i++)
        if (!ssatb_append(&list, ssatb_str(name_at(i))))
            ssatb_release(&list);
    return list;
}
%}

/* ---- windows: records {first_date, first_half, last_date, last_half} --------------------------- */
%{
static const ssatb_field ssatb_window_fields[] = {
    SSATB_DATE(ssat_window, first_date), SSATB_HALF(ssat_window, first_half),
    SSATB_DATE(ssat_window, last_date), SSATB_HALF(ssat_window, last_half),
};
static ssatb_value ssatb_window(const ssat_window *w) { return SSATB_RECORD(w, ssatb_window_fields); }

/* A window given as a mapping holds nothing but its four fields (`keys`; PHP: NULL for a list of four,
 * indexed 0 to 3): a misspelt key ("lastdate") would otherwise be ignored and the window read from the
 * others. 1, or 0 with a TypeError pending that names the first entry of no field. */
static int ssatb_window_keys_only(ssatb_input in, const char *const keys[4], const char *arg)
{
#ifdef SWIGPYTHON
    PyObject *key = NULL, *value = NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(in, &pos, &key, &value)) {
        const char *name = PyUnicode_Check(key) ? PyUnicode_AsUTF8(key) : NULL;
        int known = 0;
        for (int i = 0; i < 4 && name != NULL && !known; i++)
            known = strcmp(name, keys[i]) == 0;
        if (!known) {
            PyErr_Clear();
            PyObject *shown = PyObject_Repr(key);
            const char *text = shown != NULL ? PyUnicode_AsUTF8(shown) : NULL;
            PyErr_Clear();
            ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: unknown key %s (a window has only %s, %s, %s and %s)", arg,
                           text != NULL ? text : "?", keys[0], keys[1], keys[2], keys[3]);
            Py_XDECREF(shown);
            ssatb_raise_pending();
            return 0;
        }
    }
    return 1;
#else
    zend_string *name = NULL;
    zend_ulong index = 0;
    ZEND_HASH_FOREACH_KEY(Z_ARRVAL_P(in), index, name) {
        int known = 0;
        for (int i = 0; i < 4 && !known; i++)
            known = keys != NULL ? name != NULL && strcmp(ZSTR_VAL(name), keys[i]) == 0
                                 : name == NULL && index == (zend_ulong)i;
        if (!known) {
            char entry[80];
            if (name != NULL)
                snprintf(entry, sizeof entry, "unknown key '%s'", ZSTR_VAL(name));
            else
                snprintf(entry, sizeof entry, "unexpected index %lu", (unsigned long)index);
            ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: %s (a window has the keys first_date, first_half, last_date and "
                           "last_half, or is a list of those four)", arg, entry);
            ssatb_raise_pending();
            return 0;
        }
    } ZEND_HASH_FOREACH_END();
    return 1;
#endif
}

/* A window argument: a record (Python dict or object with those attributes, e.g. ssat.Window; PHP
 * array with those keys) or a 4-item sequence (first_date, first_half, last_date, last_half). */
static int ssatb_to_window(ssatb_input in, ssat_window *out, const char *arg)
{
    static const char *const keys[4] = {"first_date", "first_half", "last_date", "last_half"};
    char what[96];
    int ok = 1;
#ifdef SWIGPYTHON
    PyObject *items[4] = {NULL, NULL, NULL, NULL};
    if (PyDict_Check(in)) {
        for (int i = 0; i < 4; i++) {
            items[i] = PyDict_GetItemString(in, keys[i]);
            Py_XINCREF(items[i]);
        }
        if (!ssatb_window_keys_only(in, keys, arg))
            ok = 0;
    } else if (PyObject_HasAttrString(in, "first_date")) {
        for (int i = 0; i < 4; i++)
            items[i] = PyObject_GetAttrString(in, keys[i]);
        PyErr_Clear();
    } else if (PySequence_Check(in) && !PyUnicode_Check(in) && PySequence_Size(in) == 4) {
        for (int i = 0; i < 4; i++)
            items[i] = PySequence_GetItem(in, i);
        PyErr_Clear();
    } else {
        PyErr_Clear();
    }
    for (int i = 0; i < 4 && ok; i++) {
        if (items[i] == NULL) {
            ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected a window (ssat.Window, a dict with %s, %s, %s, %s, or a "
                           "4-tuple)", arg, keys[0], keys[1], keys[2], keys[3]);
            ssatb_raise_pending();
            ok = 0;
            break;
        }
        snprintf(what, sizeof what, "%s.%s", arg, keys[i]);
        if (i % 2 == 0)
            ok = ssatb_to_date(items[i], i == 0 ? &out->first_date : &out->last_date, what);
        else
            ok = ssatb_to_half(items[i], i == 1 ? &out->first_half : &out->last_half, what);
    }
    for (int i = 0; i < 4; i++)
        Py_XDECREF(items[i]);
#else
    zval *items[4] = {NULL, NULL, NULL, NULL};
    ZVAL_DEREF(in);
    if (Z_TYPE_P(in) == IS_ARRAY) {
        /* Either the four keys or a list of four, never a mixture (the key would win silently). */
        int keyed = zend_hash_str_exists(Z_ARRVAL_P(in), keys[0], strlen(keys[0]));
        for (int i = 0; i < 4; i++)
            items[i] = keyed ? zend_hash_str_find(Z_ARRVAL_P(in), keys[i], strlen(keys[i]))
                             : zend_hash_index_find(Z_ARRVAL_P(in), i);
        if (!ssatb_window_keys_only(in, keyed ? keys : NULL, arg))
            ok = 0;
    }
    for (int i = 0; i < 4 && ok; i++) {
        if (items[i] == NULL) {
            ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected a window array with keys %s, %s, %s, %s", arg, keys[0], keys[1],
                           keys[2], keys[3]);
            ssatb_raise_pending();
            ok = 0;
            break;
        }
        zval *item = items[i];
        ZVAL_DEREF(item);
        snprintf(what, sizeof what, "%s[%s]", arg, keys[i]);
        if (i % 2 == 0)
            ok = ssatb_to_date(item, i == 0 ? &out->first_date : &out->last_date, what);
        else
            ok = ssatb_to_half(item, i == 1 ? &out->first_half : &out->last_half, what);
    }
#endif
    return ok;
}
%}

#ifdef SWIGPYTHON
%typemap(in) const ssat_window *window (ssat_window tmp) {
    if (!ssatb_to_window($input, &tmp, "$1_name"))
        SWIG_fail;
    $1 = &tmp;
}
#else
%typemap(in, phptype="array") const ssat_window *window (ssat_window tmp) {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    zval *ssatb_in = SSATB_PHP_TYPED($input);
    if (ssatb_in == NULL || !ssatb_to_window(ssatb_in, &tmp, SSATB_PHP_NAME($input, "$1_name")))
        SWIG_fail;
    $1 = &tmp;
}
#endif
%typemap(in, numinputs=0) ssat_window *out (ssat_window tmp) "memset(&tmp, 0, sizeof tmp); $1 = &tmp;"
%ssatb_value_out(ssat_window, ssatb_window($1))

/* ---- register marks: one string without a copy ----------------------------------------------- */
#ifdef SWIGPYTHON
/* str (its cached UTF-8, no copy for ASCII text), or any bytes-like object through the buffer
 * protocol (bytes, bytearray, memoryview, mmap: no copy). Pitfall 13. */
%typemap(in) (const char *marks, size_t len) (Py_buffer view, int have_view = 0) {
    if (PyUnicode_Check($input)) {
        Py_ssize_t n = 0;
        const char *p = PyUnicode_AsUTF8AndSize($input, &n);
        if (p == NULL)
            SWIG_fail;
        $1 = ($1_ltype)p;
        $2 = (size_t)n;
    } else if (PyObject_CheckBuffer($input)) {
        if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) != 0)
            SWIG_fail;
        have_view = 1;
        $1 = ($1_ltype)view.buf;
        $2 = (size_t)view.len;
    } else {
        PyErr_Format(PyExc_TypeError, "$1_name: expected str or a bytes-like object, not %s", Py_TYPE($input)->tp_name);
        SWIG_fail;
    }
}
%typemap(freearg) (const char *marks, size_t len) "if (have_view$argnum) PyBuffer_Release(&view$argnum);"
#else
/* The zend_string's own bytes: no copy. */
%typemap(in, phptype="string") (const char *marks, size_t len) {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    zval *ssatb_in = SSATB_PHP_TYPED($input);
    if (ssatb_in == NULL)
        SWIG_fail;
    $1 = ($1_ltype)Z_STRVAL_P(ssatb_in);
    $2 = Z_STRLEN_P(ssatb_in);
}
#endif

/* Other (text, length) arguments read the same way, without a copy. */
%apply (const char *marks, size_t len) { (const char *json, size_t len) };
%apply (const char *marks, size_t len) { (const char *data, size_t len) };

/* A window argument that may be null (Python None / PHP null). */
#ifdef SWIGPYTHON
%typemap(in) const ssat_window *maybe_window (ssat_window tmp) {
    $1 = NULL;
    if ($input != Py_None) {
        if (!ssatb_to_window($input, &tmp, ssatb_arg_name("$1_name")))
            SWIG_fail;
        $1 = &tmp;
    }
}
#else
%typemap(in, phptype="?array") const ssat_window *maybe_window (ssat_window tmp) {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    zval *ssatb_in = SSATB_PHP_TYPED($input);
    if (ssatb_in == NULL)
        SWIG_fail;
    $1 = NULL;
    if (!Z_ISNULL_P(ssatb_in)) {
        if (!ssatb_to_window(ssatb_in, &tmp, SSATB_PHP_NAME($input, "$1_name")))
            SWIG_fail;
        $1 = &tmp;
    }
}
#endif

/* A nullable string argument (PHP 8 warns when null is passed for a plain string). */
#ifdef SWIGPHP
%typemap(in, phptype="?string") const char *maybe_name (zend_string *ssatb_tmp = NULL) {
    SSATB_PHP_PARAM($input, "$1_name", $1);
    const char *ssatb_s = NULL;
    if (!ssatb_to_cstr(&$input, &ssatb_tmp, &ssatb_s, SSATB_PHP_POSITION($input), "$1_name"))
        SWIG_fail;
    $1 = ($1_ltype)ssatb_s;
}
%typemap(freearg) const char *maybe_name "if (ssatb_tmp$argnum != NULL) zend_string_release(ssatb_tmp$argnum);"
%apply const char *maybe_name { const char *maybe_source, const char *maybe_parent, const char *maybe_detail,
                                const char *maybe_note, const char *maybe_label_en, const char *maybe_label_cy };
#endif

/* ---- mappings and language exceptions, the same way in both languages -----------------------------
 * A mapping of names to values (Python: any mapping; PHP: an array keyed by name) is walked by
 * ssatb_map_begin / ssatb_map_next / ssatb_map_end, so that what is done with each pair (the
 * all-or-nothing field edits of ssat.i) is written once. `what` names the argument in messages. */
%{
#ifdef SWIGPYTHON
typedef struct ssatb_map {
    PyObject *items; /* a list of (key, value) tuples, held until ssatb_map_end */
    Py_ssize_t i, n;
    const char *what;
} ssatb_map;

/* 1, or 0 with a failure pending (or an exception set): `in` is not a mapping. */
static int ssatb_map_begin(ssatb_map *m, ssatb_input in, const char *what)
{
    m->items = NULL;
    m->i = m->n = 0;
    m->what = what;
    if (!PyMapping_Check(in) || PyUnicode_Check(in) || PySequence_Check(in)) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected a mapping of field names to values, not %s", what,
                       Py_TYPE(in)->tp_name);
        return 0;
    }
    m->items = PyMapping_Items(in);
    if (m->items == NULL)
        return 0;
    m->n = PyList_GET_SIZE(m->items);
    return 1;
}

/* The next pair: 1 with *key (valid until ssatb_map_end) and *value (borrowed), 0 at the end, or -1
 * with a failure pending (or an exception set): a key that is not a name. */
static int ssatb_map_next(ssatb_map *m, const char **key, ssatb_input *value)
{
    if (m->i >= m->n)
        return 0;
    PyObject *kv = PyList_GET_ITEM(m->items, m->i++);
    PyObject *k = PyTuple_Check(kv) && PyTuple_GET_SIZE(kv) == 2 ? PyTuple_GET_ITEM(kv, 0) : NULL;
    *key = k != NULL && PyUnicode_Check(k) ? PyUnicode_AsUTF8(k) : NULL;
    if (*key == NULL) {
        if (!PyErr_Occurred())
            ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: field names are str", m->what);
        return -1;
    }
    *value = PyTuple_GET_ITEM(kv, 1);
    return 1;
}

static void ssatb_map_end(ssatb_map *m) { Py_CLEAR(m->items); }

/* A constructor returns NULL on failure, which SWIG's wrapper raises only from a pending failure: an
 * exception a helper left set (e.g. by a mapping's own code) becomes the pending TypeError, its
 * message after `prefix`. */
static void ssatb_exception_to_pending(const char *prefix)
{
    if (!PyErr_Occurred() || ssatb_pending.status != 0)
        return;
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyObject *text = value != NULL ? PyObject_Str(value) : NULL;
    const char *msg = text != NULL ? PyUnicode_AsUTF8(text) : NULL;
    ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: %s", prefix, msg != NULL ? msg : "bad mapping");
    PyErr_Clear();
    Py_XDECREF(text);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
}
#else
typedef struct ssatb_map {
    HashTable *ht;
    HashPosition pos;
    const char *what;
} ssatb_map;

static int ssatb_map_begin(ssatb_map *m, ssatb_input in, const char *what)
{
    m->ht = NULL;
    m->what = what;
    if (Z_TYPE_P(in) != IS_ARRAY) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: expected an array of field names to values, not %s", what,
                       zend_zval_type_name(in));
        return 0;
    }
    m->ht = Z_ARRVAL_P(in);
    zend_hash_internal_pointer_reset_ex(m->ht, &m->pos);
    return 1;
}

static int ssatb_map_next(ssatb_map *m, const char **key, ssatb_input *value)
{
    zval *v = zend_hash_get_current_data_ex(m->ht, &m->pos);
    if (v == NULL)
        return 0;
    zend_string *k = NULL;
    zend_ulong index = 0;
    if (zend_hash_get_current_key_ex(m->ht, &k, &index, &m->pos) != HASH_KEY_IS_STRING) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s: the array's keys are field names, not integers", m->what);
        return -1;
    }
    zend_hash_move_forward_ex(m->ht, &m->pos);
    *key = ZSTR_VAL(k);
    *value = v;
    return 1;
}

static void ssatb_map_end(ssatb_map *m) { m->ht = NULL; }

/* PHP helpers throw nothing themselves: their failures are pending already. */
static void ssatb_exception_to_pending(const char *prefix) { (void)prefix; }
#endif
%}

/* ---- values read in place: bytes, sequences, sizes, the same way in both languages ----------------
 * What differs per language when reading an argument is only how to get a (pointer, length) from a
 * value, walk a list of values, or read a size: these few functions, so that the bodies using them (the
 * batch's marks and offsets in ssat.i) are written once. */
%{
/* A value's bytes, read in place until ssatb_bytes_release(). */
typedef struct ssatb_bytes {
    const char *p;
    size_t n;
    int writable; /* Python: a writable buffer (bytearray, ...), whose bytes another thread could change */
#ifdef SWIGPYTHON
    Py_buffer view;
    int have_view;
#endif
} ssatb_bytes;

#ifdef SWIGPYTHON
/* Python: a str (its cached UTF-8) or a bytes-like object (PyBUF_SIMPLE, held until released). */
#define SSATB_BYTES_NAME "str or a bytes-like object"
/* What a list of values is called in messages. */
#define SSATB_SEQ_NAME "a sequence"

/* 1 with *b set, 0 (nothing raised) when `in` holds no bytes, -1 with an exception set. */
static int ssatb_bytes_get(ssatb_input in, ssatb_bytes *b)
{
    memset(b, 0, sizeof *b);
    if (PyUnicode_Check(in)) {
        Py_ssize_t n = 0;
        b->p = PyUnicode_AsUTF8AndSize(in, &n);
        b->n = (size_t)n;
        return b->p != NULL ? 1 : -1;
    }
    if (!PyObject_CheckBuffer(in))
        return 0;
    if (PyObject_GetBuffer(in, &b->view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) != 0)
        return -1;
    b->have_view = 1;
    /* Bytes only: a buffer of wider items (array('I')) would be read as its bytes, four marks an item. */
    if (b->view.itemsize != 1) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "expected bytes, not a buffer of %zd-byte items (format '%s'); pass "
                       "bytes, bytearray or a memoryview of format 'B'", b->view.itemsize,
                       b->view.format != NULL ? b->view.format : "?");
        ssatb_raise_pending();
        PyBuffer_Release(&b->view);
        b->have_view = 0;
        return -1;
    }
    b->p = b->view.buf;
    b->n = (size_t)b->view.len;
    b->writable = !b->view.readonly;
    return 1;
}

static void ssatb_bytes_release(ssatb_bytes *b)
{
    if (b->have_view)
        PyBuffer_Release(&b->view);
    b->have_view = 0;
}

static const char *ssatb_type_name(ssatb_input in) { return Py_TYPE(in)->tp_name; }
static int ssatb_is_null(ssatb_input in) { return in == NULL || in == Py_None; }

/* A list of values: any iterable but those below, read once into a list or tuple (PySequence_Fast). */
typedef struct ssatb_seq {
    PyObject *fast;
    Py_ssize_t i;
} ssatb_seq;

/* Whether `in` may be a list of values: an iterable that is not a mapping (whose keys iterating would
 * read as the values: {"P1": marks} evaluated "P1"), a set (in no order) or text and bytes (whose
 * characters or byte values would be read as the items). */
static int ssatb_seq_like(ssatb_input in)
{
    return !PyDict_Check(in) && !PyAnySet_Check(in) && !PyUnicode_Check(in) && !PyBytes_Check(in) &&
           !PyByteArray_Check(in) && !PyObject_HasAttrString(in, "keys");
}

/* 1, or 0 with an exception set: a TypeError with `msg` (not a list of values), or what iterating raised. */
static int ssatb_seq_begin(ssatb_seq *s, ssatb_input in, const char *msg)
{
    s->i = 0;
    s->fast = NULL;
    if (!ssatb_seq_like(in)) {
        PyErr_Format(PyExc_TypeError, "%s, not %s", msg, Py_TYPE(in)->tp_name);
        return 0;
    }
    s->fast = PySequence_Fast(in, msg);
    return s->fast != NULL;
}

static size_t ssatb_seq_len(const ssatb_seq *s) { return (size_t)PySequence_Fast_GET_SIZE(s->fast); }

/* The next item (borrowed), or 0 at the end. */
static int ssatb_seq_next(ssatb_seq *s, ssatb_input *item)
{
    if (s->i >= PySequence_Fast_GET_SIZE(s->fast))
        return 0;
    *item = PySequence_Fast_GET_ITEM(s->fast, s->i++);
    return 1;
}

static void ssatb_seq_end(ssatb_seq *s) { Py_CLEAR(s->fast); }

/* A size (an int from 0 that fits size_t): 1 with *out, 0 for an int out of range, -1 for something
 * that is not an int (nothing raised). */
static int ssatb_to_size(ssatb_input in, size_t *out)
{
    if (!PyLong_Check(in))
        return -1;
    size_t v = PyLong_AsSize_t(in);
    if (v == (size_t)-1 && PyErr_Occurred()) {
        PyErr_Clear();
        return 0;
    }
    *out = v;
    return 1;
}
#else
/* PHP: a string (the zend_string's own bytes; the caller's argument holds it). */
#define SSATB_BYTES_NAME "a string"
#define SSATB_SEQ_NAME "an array"

static int ssatb_bytes_get(ssatb_input in, ssatb_bytes *b)
{
    memset(b, 0, sizeof *b);
    ZVAL_DEREF(in);
    if (Z_TYPE_P(in) != IS_STRING)
        return 0;
    b->p = Z_STRVAL_P(in);
    b->n = Z_STRLEN_P(in);
    return 1;
}

static void ssatb_bytes_release(ssatb_bytes *b) { (void)b; }

static const char *ssatb_type_name(ssatb_input in)
{
    ZVAL_DEREF(in);
    return zend_zval_type_name(in);
}

static int ssatb_is_null(ssatb_input in)
{
    if (in == NULL)
        return 1;
    ZVAL_DEREF(in);
    return Z_ISNULL_P(in);
}

/* A list of values: an array's values in order (its keys ignored). */
typedef struct ssatb_seq {
    HashTable *ht;
    HashPosition pos;
} ssatb_seq;

static int ssatb_seq_like(ssatb_input in)
{
    ZVAL_DEREF(in);
    return Z_TYPE_P(in) == IS_ARRAY;
}

/* 1, or 0 with a TypeError pending: `msg`, then the type given. */
static int ssatb_seq_begin(ssatb_seq *s, ssatb_input in, const char *msg)
{
    s->ht = NULL;
    ZVAL_DEREF(in);
    if (Z_TYPE_P(in) != IS_ARRAY) {
        ssatb_fail_msg(SSATB_TYPE_ERROR, "%s, not %s", msg, zend_zval_type_name(in));
        return 0;
    }
    s->ht = Z_ARRVAL_P(in);
    zend_hash_internal_pointer_reset_ex(s->ht, &s->pos);
    return 1;
}

static size_t ssatb_seq_len(const ssatb_seq *s) { return zend_hash_num_elements(s->ht); }

/* The next value (references followed), or 0 at the end. */
static int ssatb_seq_next(ssatb_seq *s, ssatb_input *item)
{
    zval *v = zend_hash_get_current_data_ex(s->ht, &s->pos);
    if (v == NULL)
        return 0;
    zend_hash_move_forward_ex(s->ht, &s->pos);
    ZVAL_DEREF(v);
    *item = v;
    return 1;
}

static void ssatb_seq_end(ssatb_seq *s) { s->ht = NULL; }

static int ssatb_to_size(ssatb_input in, size_t *out)
{
    ZVAL_DEREF(in);
    if (Z_TYPE_P(in) != IS_LONG)
        return -1;
    if (Z_LVAL_P(in) < 0)
        return 0;
    *out = (size_t)Z_LVAL_P(in);
    return 1;
}
#endif
%}

/* ---- the calling object, and objects borrowed from it ---------------------------------------------
 * Some handles are borrowed from a parent handle (a school's registers and pupil records): the C
 * object lives as long as the parent. Such an object is handed out as a non-owning SWIG object
 * (its destructor does nothing) that holds a reference to the parent, so the parent cannot be freed
 * while it is reachable, in any free order:
 * - Python: the attribute `_ssat_owner` of the proxy holds the parent's SwigPyObject (`this`), which
 *   is not garbage-collector tracked, so even clearing a reference cycle cannot free the parent first;
 * - PHP: a protected property "owner" in the object's property table holds the parent object (seen by
 *   PHP's garbage collector; released when the object is freed, which touches no C memory).
 * A method gets its own language object through an `ssatb_self` parameter (no argument in the
 * target language: SWIG's first argument, Python swig_obj[0], PHP ZEND_THIS). */
%{
#ifdef SWIGPYTHON
typedef PyObject *ssatb_self;
#else
typedef zval *ssatb_self;
#endif

/* Whether the calling object owns its C object (false for an object borrowed from a parent). */
static int ssatb_is_owned(ssatb_self self)
{
#ifdef SWIGPYTHON
    SwigPyObject *s = SWIG_Python_GetSwigThis(self);
    return s != NULL && s->own != 0;
#else
    return Z_TYPE_P(self) == IS_OBJECT && SWIG_Z_FETCH_OBJ_P(self)->newobject != 0;
#endif
}

/* A non-owning object of SWIG type `type` for `ptr`, keeping `owner` (the parent's object) alive. */
static ssatb_value ssatb_borrowed(void *ptr, swig_type_info *type, ssatb_self owner)
{
#ifdef SWIGPYTHON
    PyObject *keep = (PyObject *)SWIG_Python_GetSwigThis(owner);
    PyObject *o = SWIG_NewPointerObj(ptr, type, 0);
    if (o != NULL && (keep == NULL || PyObject_SetAttrString(o, "_ssat_owner", keep) != 0))
        Py_CLEAR(o);
    if (o == NULL && !PyErr_Occurred())
        ssatb_fail_msg(SSAT_ERR_INVALID_ARG, "the owner is not a libssat object");
    return o;
#else
    zval z;
    ZVAL_NULL(&z);
    SWIG_SetPointerZval(&z, ptr, type, 0);
    if (Z_TYPE(z) != IS_OBJECT) {
        zval_ptr_dtor(&z);
        ZVAL_UNDEF(&z);
        return z;
    }
    zend_string *key = zend_mangle_property_name("*", 1, "owner", sizeof "owner" - 1, 0);
    Z_TRY_ADDREF_P(owner);
    zend_hash_update(zend_std_get_properties(Z_OBJ(z)), key, owner);
    zend_string_release(key);
    return z;
#endif
}

/* A reference to the parent held in C (an object whose destructor needs the parent, such as an
 * import, cannot rely on a language-level reference: PHP frees those before calling free_obj). */
#ifdef SWIGPYTHON
typedef PyObject *ssatb_ref;
static ssatb_ref ssatb_ref_take(ssatb_self owner)
{
    PyObject *keep = (PyObject *)SWIG_Python_GetSwigThis(owner);
    Py_XINCREF(keep);
    return keep;
}
static void ssatb_ref_drop(ssatb_ref *ref) { Py_CLEAR(*ref); }
#else
typedef zval ssatb_ref;
static ssatb_ref ssatb_ref_take(ssatb_self owner)
{
    zval z;
    ZVAL_COPY(&z, owner);
    return z;
}
static void ssatb_ref_drop(ssatb_ref *ref)
{
    zval_ptr_dtor(ref);
    ZVAL_UNDEF(ref);
}
#endif
%}

#ifdef SWIGPYTHON
/* (`check`, not `in`: SWIG emits numinputs=0 `in` code before it unpacks the arguments.) */
%typemap(in, numinputs=0) ssatb_self "$1 = NULL;"
%typemap(check) ssatb_self "$1 = swig_obj[0];"
#else
%typemap(in, numinputs=0) ssatb_self "$1 = ZEND_THIS;"
#endif

/* ---- reliability: every handle checked, every string whole (docs/bindings.md) -------------------
 * No binding call may crash the interpreter, whatever it is given. The classes of fault closed here,
 * once for every class and function (including the ones added later):
 * - An object without its C handle: a PHP object made without its constructor
 *   (ReflectionClass::newInstanceWithoutConstructor(), `new` on a class without one, a subclass that
 *   skips parent::__construct()) or a Python proxy whose C object was deleted. Calling a method on it
 *   raises StateError; passing it as an argument raises StateError too (PHP: checked before
 *   SWIG_ConvertPtr, which would read the missing type). Python checks `self` with a typemap; SWIG's PHP
 *   module fetches $this itself without a typemap, so PHP checks it in %exception (ssatb_php_this_ok).
 * - Explicitly deleting a Python object (native.delete_SsatX(obj)) clears its pointer, and refuses a
 *   borrowed object (one a parent owns), so nothing is freed twice or used after it is freed.
 * - Strings: a char * argument with an embedded NUL byte raises InvalidArgument instead of being cut
 *   short at the NUL (`Case("P1\0X")` must not become "P1"). PHP converts other scalars in a copy:
 *   SWIG's own typemap converted the caller's (uncounted) zval in place, freeing a caller's array.
 * - PHP arguments are checked against their declared types (PHP does not enforce an extension's;
 *   php/arguments.i raises PHP's own TypeError), SWIG's
 *   __get/__set/__isset are replaced and `thisown` is read-only in both languages (see
 *   ssatb_php_harden_classes() and the end of the file).
 * tests/fuzz_bindings drives every public callable of both bindings with random values. */
%{
/* Raise StateError for an object without a C handle, without touching a pending failure. */
static void ssatb_no_handle(const char *where, const char *what)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s holds no libssat handle (made without its constructor, or already freed)",
             where, what);
    ssatb_throw(SSAT_ERR_STATE, msg, NULL, NULL);
}

/* Whether text of n bytes holds no NUL byte (C would see only the part before it); else 0 with
 * InvalidArgument raised. */
static int ssatb_cstr_whole(const char *s, size_t n, const char *arg)
{
    const char *nul = memchr(s, '\0', n);
    if (nul == NULL)
        return 1;
    char msg[160];
    snprintf(msg, sizeof msg, "%s: the text holds a NUL byte (at byte %zu)", arg, (size_t)(nul - s));
    ssatb_throw(SSAT_ERR_INVALID_ARG, msg, NULL, NULL);
    return 0;
}

/* A string argument: 1 with *out set (NULL for Python None / PHP null), or 0 with the exception raised. */
#ifdef SWIGPYTHON
static int ssatb_to_cstr(PyObject *in, const char **out, const char *arg)
{
    *out = NULL;
    if (in == Py_None)
        return 1;
    if (!PyUnicode_Check(in)) {
        PyErr_Format(PyExc_TypeError, "%s: expected str, not %s", arg, Py_TYPE(in)->tp_name);
        return 0;
    }
    Py_ssize_t n = 0;
    const char *s = PyUnicode_AsUTF8AndSize(in, &n); /* cached in the str, which the call holds */
    if (s == NULL || !ssatb_cstr_whole(s, (size_t)n, arg))
        return 0;
    *out = s;
    return 1;
}
#else
/* Other scalars are converted in `tmp` (released after the call), never in place: the argument zvals
 * of SWIG's wrappers are the caller's, uncounted, and converting an array there freed the caller's.
 * `position` is the argument's among the PHP arguments, `cname` its C name (for when PHP has none). */
static int ssatb_to_cstr(zval *in, zend_string **tmp, const char **out, uint32_t position, const char *cname)
{
    const char *arg = ssatb_php_name(position, cname);
    *out = NULL;
    ZVAL_DEREF(in);
    if (Z_ISNULL_P(in))
        return 1;
    if (Z_TYPE_P(in) != IS_STRING) {
        /* As PHP's own string parameters: other scalars and Stringable objects as text, unless the
         * caller declared strict_types. */
        if (ZEND_ARG_USES_STRICT_TYPES() || Z_TYPE_P(in) == IS_ARRAY || Z_TYPE_P(in) == IS_RESOURCE ||
            (Z_TYPE_P(in) == IS_OBJECT && Z_OBJCE_P(in)->__tostring == NULL))
            return ssatb_php_type_error(in, position);
        *tmp = zval_get_string(in);
        if (EG(exception))
            return 0;
        if (!ssatb_cstr_whole(ZSTR_VAL(*tmp), ZSTR_LEN(*tmp), arg))
            return 0;
        *out = ZSTR_VAL(*tmp);
        return 1;
    }
    if (!ssatb_cstr_whole(Z_STRVAL_P(in), Z_STRLEN_P(in), arg))
        return 0;
    *out = Z_STRVAL_P(in);
    return 1;
}

/* The calling object of a PHP method has a C object (constructors and __unserialize() make it). */
static int ssatb_php_this_ok(zend_execute_data *execute_data)
{
    zval *self = getThis();
    if (self == NULL || EX(func) == NULL)
        return 1; /* a function or a static method */
    const zend_function *fn = EX(func);
    if ((fn->common.fn_flags & ZEND_ACC_CTOR) != 0 ||
        (fn->common.function_name != NULL && zend_string_equals_literal_ci(fn->common.function_name, "__unserialize")))
        return 1;
    if (!zend_class_implements_interface(Z_OBJCE_P(self), &SWIG_Php_swig_wrapped_interface_ce) ||
        SWIG_Z_FETCH_OBJ_P(self)->ptr != NULL)
        return 1;
    char where[160];
    snprintf(where, sizeof where, "%s::%s()", ZSTR_VAL(Z_OBJCE_P(self)->name),
             fn->common.function_name != NULL ? ZSTR_VAL(fn->common.function_name) : "?");
    ssatb_no_handle(where, "this object");
    return 0;
}

/* An object argument is either not a libssat object (SWIG_ConvertPtr refuses it) or has a C object. */
static int ssatb_php_arg_ok(zval *in, int argnum, const char *fn)
{
    zval *v = in;
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_OBJECT || !zend_class_implements_interface(Z_OBJCE_P(v), &SWIG_Php_swig_wrapped_interface_ce))
        return 1;
    const swig_object_wrapper *w = SWIG_Z_FETCH_OBJ_P(v);
    if (w->ptr != NULL && w->type != NULL)
        return 1;
    char where[160], what[96];
    snprintf(where, sizeof where, "%s()", fn);
    snprintf(what, sizeof what, "argument %d (%s)", argnum, ZSTR_VAL(Z_OBJCE_P(v)->name));
    ssatb_no_handle(where, what);
    return 0;
}

/* ---- PHP serialization (the SsatPolicy, SsatPack, SsatCase __serialize() at the end of the file) */
/* The document under `key` of an __unserialize() array, or NULL with the failure pending. */
static const char *ssatb_php_member(zval *data, const char *key, size_t *len)
{
    zval *v = Z_TYPE_P(data) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(data), key, strlen(key)) : NULL;
    if (v != NULL)
        ZVAL_DEREF(v);
    if (v == NULL || Z_TYPE_P(v) != IS_STRING) {
        ssatb_fail_msg(SSAT_ERR_PARSE, "unserialize: the data has no \"%s\" document (a string)", key);
        return NULL;
    }
    *len = Z_STRLEN_P(v);
    return Z_STRVAL_P(v);
}

/* Whether __unserialize() may give `obj` a C object: only one that has none (PHP's unserialize()
 * makes it without its constructor); never replace a live one. */
static int ssatb_php_unserialize_ok(zval *obj)
{
    if (SWIG_Z_FETCH_OBJ_P(obj)->ptr == NULL)
        return 1;
    ssatb_fail_msg(SSAT_ERR_STATE, "__unserialize: the object already holds a libssat object");
    return 0;
}

/* Give `obj` (made by unserialize()) its C object, owned by the PHP object. */
static void ssatb_php_adopt(zval *obj, void *ptr, swig_type_info *type)
{
    swig_object_wrapper *w = SWIG_Z_FETCH_OBJ_P(obj);
    w->ptr = ptr;
    w->newobject = 1;
    w->type = type;
}

/* ["json" => text] (plus "policy" => text when given); takes both texts (ssat_free). */
static ssatb_value ssatb_php_serialized(char *json, char *policy_json)
{
    ssatb_value d = ssatb_dict();
    if (!SSATB_FAILED(d) && (!ssatb_set(&d, "json", ssatb_str(json)) ||
                             (policy_json != NULL && !ssatb_set(&d, "policy", ssatb_str(policy_json)))))
        ssatb_release(&d);
    ssat_free(json);
    ssat_free(policy_json);
    return d;
}

/* SWIG 4.1's generated __get(), __set() and __isset() read their name without checking its type (a
 * crash when called as methods with a non-string), and __set() lets `thisown` be changed: set on an
 * object borrowed from its parent, PHP would free the parent's C object, twice. These replace them. */
static ZEND_NAMED_FUNCTION(ssatb_php_magic_get)
{
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    if (zend_string_equals_literal(name, "thisown"))
        RETURN_LONG(SWIG_Z_FETCH_OBJ_P(ZEND_THIS)->newobject ? 1 : 0);
    RETURN_NULL();
}

static ZEND_NAMED_FUNCTION(ssatb_php_magic_set)
{
    zend_string *name;
    zval *value;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(name)
        Z_PARAM_ZVAL(value)
    ZEND_PARSE_PARAMETERS_END();
    (void)value;
    if (zend_string_equals_literal(name, "thisown"))
        ssatb_throw(SSAT_ERR_STATE, "thisown is read-only: who frees a libssat object is fixed when it is made",
                    NULL, NULL);
}

static ZEND_NAMED_FUNCTION(ssatb_php_magic_isset)
{
    zend_string *name;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_STR(name)
    ZEND_PARSE_PARAMETERS_END();
    RETURN_BOOL(zend_string_equals_literal(name, "thisown"));
}

static void ssatb_php_replace_handler(zend_class_entry *ce, const char *method, zif_handler handler)
{
    zend_function *f = zend_hash_str_find_ptr(&ce->function_table, method, strlen(method));
    if (f != NULL && f->type == ZEND_INTERNAL_FUNCTION && f->common.scope == ce)
        f->internal_function.handler = handler;
}

/* For every class of this extension (so classes added later are covered): without __serialize(),
 * refuse serialize() and unserialize(); replace SWIG's property accessors (above). Run once, at the end
 * of MINIT (bindings/php/namespace.i's hook): the classes are registered after %init's code. */
static void ssatb_php_harden_classes(void)
{
    zend_class_entry *ce;
    ZEND_HASH_FOREACH_PTR(CG(class_table), ce) {
        if (ce->type != ZEND_INTERNAL_CLASS || !zend_class_implements_interface(ce, &SWIG_Php_swig_wrapped_interface_ce))
            continue;
        if (ce->__serialize == NULL)
            ce->ce_flags |= ZEND_ACC_NOT_SERIALIZABLE;
        ssatb_php_replace_handler(ce, "__get", ssatb_php_magic_get);
        ssatb_php_replace_handler(ce, "__set", ssatb_php_magic_set);
        ssatb_php_replace_handler(ce, "__isset", ssatb_php_magic_isset);
    } ZEND_HASH_FOREACH_END();
}
#endif
%}

#ifdef SWIGPYTHON
/* A method's own object; a destructor releases it (the pointer is cleared; a borrowed object, which
 * its parent owns, is refused). */
%typemap(in, noblock=1) SWIGTYPE *self (void *argp = 0, int res = 0) {
  res = SWIG_ConvertPtr($input, &argp, $descriptor, (($disown) != 0 ? SWIG_POINTER_RELEASE : 0) | %convertptr_flags);
  if (!SWIG_IsOK(res)) {
    %argument_fail(res, "$type", $symname, $argnum);
  }
  $1 = %reinterpret_cast(argp, $ltype);
}
%typemap(check, noblock=1) SWIGTYPE *self {
  if ($1 == NULL) {
    ssatb_no_handle("$symname", "the object");
    SWIG_fail;
  }
}
%typemap(in, noblock=1) char *, const char * {
  {
    const char *ssatb_s = NULL;
    if (!ssatb_to_cstr($input, &ssatb_s, ssatb_arg_name("$1_name")))
      SWIG_fail;
    $1 = ($1_ltype)ssatb_s;
  }
}
%typemap(freearg) char *, const char * "";
#else
%typemap(in, phptype="?SWIGTYPE") SWIGTYPE *, SWIGTYPE [] %{
  SSATB_PHP_PARAM($input, "$1_name", $1);
  if (!ssatb_php_arg_ok(&$input, (int)SSATB_PHP_POSITION($input), "$symname"))
    SWIG_fail;
  if (SWIG_ConvertPtr(&$input, (void **) &$1, $1_descriptor, 0) < 0) {
    /* PHP's own TypeError, the class by its real name ("Ssat\referralEvaluate(): Argument #1 ($policy)
     * must be of type ?Ssat\Policy, string given"): the arginfo's class names are made real at MINIT. */
    ssatb_php_type_error(&$input, SSATB_PHP_POSITION($input));
    SWIG_fail;
  }
%}
%typemap(in, phptype="string") char *, const char * (zend_string *ssatb_tmp = NULL) %{
  SSATB_PHP_PARAM($input, "$1_name", $1);
  {
    const char *ssatb_s = NULL;
    if (!ssatb_to_cstr(&$input, &ssatb_tmp, &ssatb_s, SSATB_PHP_POSITION($input), "$1_name"))
      SWIG_fail;
    $1 = ($1_ltype)ssatb_s;
  }
%}
%typemap(freearg) char *, const char * "if (ssatb_tmp$argnum != NULL) zend_string_release(ssatb_tmp$argnum);"
#endif
