/* Run-time version, so a program can tell which library it actually loaded. */
#include "core_layer.h"

const char *ssat_version_string(void)
{
    return SSAT_VERSION_STRING;
}

int32_t ssat_version_number(void)
{
    return SSAT_VERSION_NUMBER;
}
