/*
 * bindings/php/namespace.i: the PHP names of the extension as PSR-1/PSR-12 expect them (issue 17), made
 * INSIDE the extension from what SWIG generated, by one generic pass at the end of MINIT:
 *
 * - every class SsatFoo of this extension becomes Ssat\Foo (its real name: get_class(), reflection and
 *   serialize() give Ssat\Foo); SsatFoo stays as a class alias (deprecated, removed after one release;
 *   PHP 8.2 cannot mark an alias deprecated).
 *   PHP reserves two of the names: SsatCase becomes Ssat\CaseFile and SsatParent Ssat\ParentRecord.
 *   The exception classes follow the same rule: SsatException -> Ssat\Exception,
 *   SsatInvalidDataException -> Ssat\InvalidDataException ...
 * - every snake_case method gets a camelCase twin with the same handler and argument information
 *   (add_marks -> addMarks, from_json -> fromJson); the snake_case name stays, deprecated: calling it
 *   raises E_DEPRECATED ("Method Ssat\Register::add_marks() is deprecated"), as PHP's own deprecated
 *   functions do;
 * - every function ssat_foo_bar gets the twin Ssat\fooBar; ssat_foo_bar stays, deprecated likewise;
 * - every constant SSAT_FOO of this extension gets the twin Ssat\FOO; SSAT_FOO stays.
 *
 * SWIG's %nspace does not support PHP, and the generated global names must stay exactly as they are, so
 * this is done here rather than with %rename: whatever is added to the interface later (a method, a
 * class, a constant) gets its PHP name without a line here. No PHP code is involved: the names live in
 * the extension's own tables, registered at startup as persistent (interned) names.
 *
 * Include this file ONCE, from bindings/ssat.i under #ifdef SWIGPHP, AFTER every declaration (at the end
 * of the file): the hook is a constant, run where SWIG registers it in MINIT's constants section, which
 * comes after every class but before the constants declared later.
 */

%{
/* "window_year_to_date" -> "windowYearToDate"; 0 when it does not fit in `cap` bytes. */
static int ssatb_php_camel(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    int upper = 0;
    for (const char *p = in; *p != '\0'; p++) {
        if (*p == '_') {
            upper = n > 0;
            continue;
        }
        if (n + 1 >= cap)
            return 0;
        out[n++] = upper && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        upper = 0;
    }
    out[n] = '\0';
    return 1;
}

/* The longest name of a function, method or class this pass makes, with its NUL. */
enum { SSATB_PHP_NAME_CAP = 160 };

/* The function `name` of `table` (methods: a class's function_table), or NULL. */
static zend_function *ssatb_php_function(HashTable *table, const char *name)
{
    char lc[SSATB_PHP_NAME_CAP];
    size_t len = strlen(name);
    if (len >= sizeof lc)
        return NULL;
    zend_str_tolower_copy(lc, name, len);
    return zend_hash_str_find_ptr(table, lc, len);
}

/* Register one more function (a method of `scope`, or a global function when scope is NULL) under
 * `name`, with the handler, argument information and flags of `fe`; nothing if the name is taken. */
static void ssatb_php_twin(zend_class_entry *scope, const zend_function_entry *fe, const char *name)
{
    HashTable *table = scope != NULL ? &scope->function_table : CG(function_table);
    if (strlen(name) >= SSATB_PHP_NAME_CAP || ssatb_php_function(table, name) != NULL)
        return;
    zend_function_entry twin[2];
    memset(twin, 0, sizeof twin);
    twin[0] = *fe;
    twin[0].fname = name;
    zend_register_functions(scope, twin, table, MODULE_PERSISTENT);
}

/* The twin `name` of `fe` (ssatb_php_twin), and `fe` itself marked deprecated once its twin exists:
 * PHP then raises E_DEPRECATED on each call of the old name, as for its own deprecated functions. */
static void ssatb_php_renamed(zend_class_entry *scope, const zend_function_entry *fe, const char *name)
{
    HashTable *table = scope != NULL ? &scope->function_table : CG(function_table);
    ssatb_php_twin(scope, fe, name);
    zend_function *old = ssatb_php_function(table, fe->fname);
    if (old != NULL && ssatb_php_function(table, name) != NULL)
        old->common.fn_flags |= ZEND_ACC_DEPRECATED;
}

/* A camelCase twin of every snake_case method of `ce` (magic methods, "__x", are left alone). */
static void ssatb_php_camel_methods(zend_class_entry *ce)
{
    const zend_function_entry *fe = ce->info.internal.builtin_functions;
    for (; fe != NULL && fe->fname != NULL; fe++) {
        char camel[128];
        if (strncmp(fe->fname, "__", 2) != 0 && strchr(fe->fname, '_') != NULL &&
            ssatb_php_camel(fe->fname, camel, sizeof camel))
            ssatb_php_renamed(ce, fe, camel);
    }
}

/* Give `ce` the name `name` (the class's real name from now on); its old name becomes a class alias,
 * made by PHP's own zend_register_class_alias_ex() (how an alias is counted for the class's destruction
 * differs between PHP versions). The old entry is taken out without its destructor, which would free
 * the class. */
static void ssatb_php_rename_class(zend_class_entry *ce, const char *name)
{
    zend_string *old_name = ce->name;
    zend_string *old_lc = zend_string_tolower(old_name);
    zend_string *new_name = zend_string_init_interned(name, strlen(name), 1);
    zend_string *new_lc = zend_new_interned_string(zend_string_tolower_ex(new_name, 1));
    HashTable *classes = CG(class_table);
    if (zend_hash_find_ptr(classes, old_lc) == ce && !zend_hash_exists(classes, new_lc)) {
        dtor_func_t dtor = classes->pDestructor;
        classes->pDestructor = NULL;
        zend_hash_del(classes, old_lc);
        classes->pDestructor = dtor;
        zend_hash_add_new_ptr(classes, new_lc, ce);
        ce->name = new_name;
        zend_register_class_alias_ex(ZSTR_VAL(old_name), ZSTR_LEN(old_name), ce, 1);
    }
    zend_string_release(new_lc);
    zend_string_release(old_lc);
}

/* Ssat\FOO for every constant SSAT_FOO of this extension (value copied: integers and strings). */
static void ssatb_php_namespace_constants(int module_number)
{
    zend_constant *c;
    size_t n = 0, cap = 0;
    zend_constant **mine = NULL;
    ZEND_HASH_FOREACH_PTR(EG(zend_constants), c) {
        if (c->name != NULL && (int)ZEND_CONSTANT_MODULE_NUMBER(c) == module_number &&
            strncmp(ZSTR_VAL(c->name), "SSAT_", 5) == 0) {
            if (n == cap) {
                cap = cap ? 2 * cap : 256;
                mine = safe_perealloc(mine, cap, sizeof *mine, 0, 1);
            }
            mine[n++] = c;
        }
    } ZEND_HASH_FOREACH_END();
    for (size_t i = 0; i < n; i++) {
        char name[SSATB_PHP_NAME_CAP];
        c = mine[i];
        int len = snprintf(name, sizeof name, "Ssat\\%s", ZSTR_VAL(c->name) + 5);
        if (len <= 0 || (size_t)len >= sizeof name)
            continue;
        if (Z_TYPE(c->value) == IS_LONG)
            zend_register_long_constant(name, (size_t)len, Z_LVAL(c->value), CONST_PERSISTENT, module_number);
        else if (Z_TYPE(c->value) == IS_STRING)
            zend_register_stringl_constant(name, (size_t)len, Z_STRVAL(c->value), Z_STRLEN(c->value),
                                           CONST_PERSISTENT, module_number);
        else if (Z_TYPE(c->value) == IS_DOUBLE)
            zend_register_double_constant(name, (size_t)len, Z_DVAL(c->value), CONST_PERSISTENT, module_number);
    }
    pefree(mine, 1);
}

/* PHP reserves `case` and `parent` as class names: a class cannot be declared, imported with `use`
 * or written unqualified under them, so these two get other names. */
static const char *ssatb_php_class_name(const char *swig_name, char *buf, size_t cap)
{
    if (strcmp(swig_name, "SsatCase") == 0)
        return "Ssat\\CaseFile";
    if (strcmp(swig_name, "SsatParent") == 0)
        return "Ssat\\ParentRecord";
    int len = snprintf(buf, cap, "Ssat\\%s", swig_name + 4);
    return len > 0 && (size_t)len < cap ? buf : NULL;
}

/* The whole pass (see the top of this file); MINIT only: names must be permanent interned strings. */
static void ssatb_php_namespace(int module_number)
{
    zend_class_entry *ce, *classes[256];
    size_t n = 0;
    ZEND_HASH_FOREACH_PTR(CG(class_table), ce) {
        const char *name = ZSTR_VAL(ce->name);
        if (ce->type == ZEND_INTERNAL_CLASS && ce->info.internal.module != NULL &&
            ce->info.internal.module->module_number == module_number && strncmp(name, "Ssat", 4) == 0 &&
            name[4] >= 'A' && name[4] <= 'Z' && n < sizeof classes / sizeof classes[0])
            classes[n++] = ce;
    } ZEND_HASH_FOREACH_END();
    for (size_t i = 0; i < n; i++) {
        char buf[SSATB_PHP_NAME_CAP];
        const char *name = ssatb_php_class_name(ZSTR_VAL(classes[i]->name), buf, sizeof buf);
        ssatb_php_camel_methods(classes[i]);
        if (name != NULL)
            ssatb_php_rename_class(classes[i], name);
    }
    const zend_function_entry *fe = EG(current_module) != NULL ? EG(current_module)->functions : NULL;
    for (; fe != NULL && fe->fname != NULL; fe++) {
        char name[SSATB_PHP_NAME_CAP] = "Ssat\\";
        if (strncmp(fe->fname, "ssat_", 5) == 0 && ssatb_php_camel(fe->fname + 5, name + 5, sizeof name - 5))
            ssatb_php_renamed(NULL, fe, name);
    }
    ssatb_php_namespace_constants(module_number);
}
%}

/* The hook: a constant whose "consttab" code (SWIG's constants section of MINIT, emitted after the
 * classes) runs the pass instead of defining anything. */
%{
typedef int ssatb_php_namespace_hook;
%}
typedef int ssatb_php_namespace_hook;
%typemap(consttab) ssatb_php_namespace_hook %{
  ssatb_php_harden_classes();               /* bindings/runtime.i: serialization, __get/__set */
  ssatb_php_namespace(module_number);
  ssatb_php_name_params(module_number);      /* bindings/php/arguments.i */
%}
%typemap(classconsttab) ssatb_php_namespace_hook ""
%constant ssatb_php_namespace_hook SSATB_PHP_NAMESPACE = 0;
