/**
 * @file ssat/common.h
 * @brief Export, declaration and attribute macros shared by every libssat header.
 *
 * Nothing here is a function; it only makes the other headers portable (C and C++, GCC, Clang, MSVC,
 * and SWIG's parser).
 */
#ifndef SSAT_COMMON_H
#define SSAT_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** @def SSAT_API
 *  Marks a function as part of the public ABI. Symbols are hidden by default; only these are exported. */
#if defined(_WIN32) && !defined(SSAT_STATIC)
#  ifdef SSAT_BUILDING
#    define SSAT_API __declspec(dllexport)
#  else
#    define SSAT_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4 && !defined(SWIG)
#  define SSAT_API __attribute__((visibility("default")))
#else
#  define SSAT_API
#endif

/** @def SSAT_DEPRECATED
 *  Marks a function that will be removed at the next SONAME change (written after the declaration). A
 *  program that still calls such functions on purpose (the library's own tests and bindings of them)
 *  defines SSAT_DISABLE_DEPRECATION_WARNINGS before including the headers. */
/** @def SSAT_NODISCARD
 *  Warns when the returned status of a function is ignored. */
#if defined(__GNUC__) && !defined(SWIG)
#  ifdef SSAT_DISABLE_DEPRECATION_WARNINGS
#    define SSAT_DEPRECATED(msg)
#  else
#    define SSAT_DEPRECATED(msg) __attribute__((deprecated(msg)))
#  endif
#  define SSAT_NODISCARD __attribute__((warn_unused_result))
#else
#  define SSAT_DEPRECATED(msg)
#  define SSAT_NODISCARD
#endif

/** @def SSAT_BEGIN_DECL
 *  Opens a block of C declarations that C++ sees with C linkage. */
/** @def SSAT_END_DECL
 *  Closes a block opened by SSAT_BEGIN_DECL. */
#ifdef __cplusplus
#  define SSAT_BEGIN_DECL extern "C" {
#  define SSAT_END_DECL }
#else
#  define SSAT_BEGIN_DECL
#  define SSAT_END_DECL
#endif

SSAT_BEGIN_DECL

/**
 * Language of a human-readable text. Carmarthenshire works bilingually, so every user-facing
 * label and message exists in English and in Welsh.
 */
typedef enum ssat_lang {
    SSAT_LANG_EN = 0,   /**< English */
    SSAT_LANG_CY = 1,   /**< Welsh (Cymraeg) */
    /** Welsh then English, as Welsh public bodies publish bilingual documents: a label as
     *  "Cymraeg / English", a sentence in Welsh followed by the same sentence in English on the next
     *  line. Accepted wherever a document or message is rendered (certificates, a criterion's or a
     *  problem's message, names of outcomes, categories and states, ssat_date_format_long()). */
    SSAT_LANG_CY_EN = 2
} ssat_lang;

/**
 * Custom memory allocator (zstd style). Pass NULL wherever an allocator is accepted to use the C
 * library's malloc/realloc/free. An object created from another object (a register from a code set,
 * a summary from a register) uses the allocator of the object it came from.
 *
 * Set @c size to sizeof(ssat_allocator) so the library can grow this struct compatibly.
 * @c alloc and @c free are required; @c realloc may be NULL (the library then allocates, copies and
 * frees). The functions must be safe to call from any thread that uses objects created with them.
 */
typedef struct ssat_allocator {
    size_t size;                                                 /**< sizeof(ssat_allocator) */
    void *(*alloc)(void *ctx, size_t n);                         /**< returns NULL on failure */
    void *(*realloc)(void *ctx, void *p, size_t old_n, size_t new_n); /**< optional */
    void (*free)(void *ctx, void *p, size_t n);                  /**< p is never NULL */
    void *ctx;                                                   /**< passed to each function */
} ssat_allocator;

SSAT_END_DECL

#endif /* SSAT_COMMON_H */
