/*
 * bindings/php/php.i: what only the PHP extension has, %included at the end of bindings/ssat.i.
 */

/* ---- module initialisation ----------------------------------------------------------------------- */
%init %{
    ssatb_php_init_errors();
%}

/* ================================================================================================
 * PHP serialization (docs/bindings.md "Reliability of the bindings"). A PHP object is a handle on a C
 * object that PHP cannot copy, so by default serialize() would write an empty object and unserialize()
 * would make one without a C object. Instead:
 * - policies, packs and cases round-trip through the library's JSON: __serialize() gives
 *   ["json" => document] (a case adds "policy", the policy document it refers to) and __unserialize()
 *   loads it with the library's checks (a bad document throws as from_json() does);
 * - every other class refuses both (PHP's "not serializable" class flag, set once per process for each
 *   class of this extension without __serialize(), so classes added later are covered too: see
 *   ssatb_php_harden_classes(), which also replaces SWIG's property accessors).
 * ================================================================================================ */

%extend SsatPolicy {
    ssatb_array_value __serialize()
    {
        char *json = NULL;
        SSATB_CHECK(ssat_policy_to_json($self, &json));
        return ssatb_php_serialized(json, NULL);
    }
    void __unserialize(ssatb_self obj, ssatb_input data)
    {
        size_t len = 0;
        const char *json = ssatb_php_unserialize_ok(obj) ? ssatb_php_member(data, "json", &len) : NULL;
        ssat_policy *p = NULL;
        if (json != NULL) {
            ssat_status st = ssat_policy_from_json(json, len, NULL, &p);
            if (st != SSAT_OK)
                ssatb_fail_in(st, "unserialize SsatPolicy");
            else
                ssatb_php_adopt(obj, p, SWIGTYPE_p_SsatPolicy);
        }
    }
}

%extend SsatPack {
    ssatb_array_value __serialize()
    {
        char *json = NULL;
        SSATB_CHECK(ssat_pack_to_json($self, &json));
        return ssatb_php_serialized(json, NULL);
    }
    void __unserialize(ssatb_self obj, ssatb_input data)
    {
        size_t len = 0;
        const char *json = ssatb_php_unserialize_ok(obj) ? ssatb_php_member(data, "json", &len) : NULL;
        ssat_pack *p = NULL;
        if (json != NULL) {
            ssat_status st = ssat_pack_from_json(json, len, NULL, &p);
            if (st != SSAT_OK)
                ssatb_fail_in(st, "unserialize SsatPack");
            else
                ssatb_php_adopt(obj, p, SWIGTYPE_p_SsatPack);
        }
    }
}

%extend SsatCase {
    ssatb_array_value __serialize()
    {
        char *json = NULL, *policy = NULL;
        SSATB_CHECK(ssat_case_to_json($self, &json));
        ssat_status st = ssat_policy_to_json(ssat_case_policy($self), &policy);
        if (st != SSAT_OK) {
            ssat_free(json);
            ssatb_fail(st);
            return ssatb_failed();
        }
        return ssatb_php_serialized(json, policy);
    }
    void __unserialize(ssatb_self obj, ssatb_input data)
    {
        size_t len = 0, plen = 0;
        const char *json = ssatb_php_unserialize_ok(obj) ? ssatb_php_member(data, "json", &len) : NULL;
        const char *pjson = json != NULL ? ssatb_php_member(data, "policy", &plen) : NULL;
        ssat_policy *policy = NULL;
        ssat_case *c = NULL;
        if (pjson == NULL)
            return;
        ssat_status st = ssat_policy_from_json(pjson, plen, NULL, &policy);
        if (st != SSAT_OK) {
            ssatb_fail_in(st, "unserialize SsatCase: policy");
            return;
        }
        st = ssat_case_from_json(json, len, policy, &c);
        ssat_policy_free(policy); /* the case keeps its own copy */
        if (st != SSAT_OK)
            ssatb_fail_in(st, "unserialize SsatCase");
        else
            ssatb_php_adopt(obj, c, SWIGTYPE_p_SsatCase);
    }
}

/* ---- further PHP-only interface files are %included below (e.g. the \Ssat namespace layer) -------- */

/* PHP: the Ssat\ namespace, camelCase methods and functions (issue 17). Must stay the last declaration:
 * see the top of bindings/php/namespace.i. */
%include "php/namespace.i"
