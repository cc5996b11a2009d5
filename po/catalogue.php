<?php
// The catalogues po/libssat.pot and po/cy.po read from PHP, for pages that show libssat's texts (the
// school portal's labels and headings): the same ids and words as the library and the ssat tool, with
// no gettext extension and no locale. Usage:
//
//     require 'po/catalogue.php';
//     $cy = ssat_catalogue(__DIR__ . '/po', 'cy');           // id => Welsh
//     echo ssat_catalogue_text($cy, 'certificate.title');     // "Tystysgrif cofrestru presenoldeb"
//     echo ssat_catalogue_text($cy, 'tool.case.title', ['P00001', 'carmarthenshire']);
//
// 'en' gives the English, 'cy' the Welsh (the English for an entry that is untranslated or fuzzy, as
// the library does), 'cy+en' "Cymraeg / English" for the labels of a bilingual page.

/** The entries of one PO file: id (msgctxt) => [msgid, msgstr, fuzzy]. */
function ssat_catalogue_entries(string $path): array
{
    $text = @file_get_contents($path);
    if ($text === false) {
        throw new RuntimeException("ssat_catalogue: cannot read $path");
    }
    $entries = [];
    $cur = [];
    $field = null;
    $fuzzy = false;
    $flush = function () use (&$entries, &$cur, &$field, &$fuzzy) {
        if (isset($cur['msgctxt'], $cur['msgstr'])) {
            $entries[$cur['msgctxt']] = [$cur['msgid'] ?? '', $cur['msgstr'], $fuzzy];
        }
        $cur = [];
        $field = null;
        $fuzzy = false;
    };
    foreach (preg_split('/\r?\n/', $text) as $line) {
        if (preg_match('/^(msgctxt|msgid|msgstr) "(.*)"$/', $line, $m)) {
            if ($m[1] === 'msgctxt' && isset($cur['msgstr'])) {
                $flush();
            }
            $field = $m[1];
            $cur[$field] = stripcslashes($m[2]);
        } elseif ($field !== null && preg_match('/^"(.*)"$/', $line, $m)) {
            $cur[$field] .= stripcslashes($m[1]);
        } elseif (str_starts_with($line, '#,') && str_contains($line, 'fuzzy')) {
            if (isset($cur['msgstr'])) {
                $flush();
            }
            $fuzzy = true;
        } elseif ($line === '' || str_starts_with($line, '#')) {
            if (isset($cur['msgstr'])) {
                $flush();
            }
        }
    }
    $flush();
    return $entries;
}

/** id => text in 'en', 'cy' or 'cy+en', from the catalogues in $dir. */
function ssat_catalogue(string $dir, string $lang): array
{
    if (!in_array($lang, ['en', 'cy', 'cy+en'], true)) {
        throw new InvalidArgumentException("ssat_catalogue: \"$lang\" is not en, cy or cy+en");
    }
    $out = [];
    $welsh = $lang === 'en' ? [] : ssat_catalogue_entries("$dir/cy.po");
    foreach (ssat_catalogue_entries("$dir/libssat.pot") as $id => [$english]) {
        [, $cy, $fuzzy] = $welsh[$id] ?? ['', '', false];
        $cy = ($cy === '' || $fuzzy) ? $english : $cy;
        $out[$id] = match ($lang) {
            'en' => $english,
            'cy' => $cy,
            'cy+en' => $cy === $english ? $cy : "$cy / $english",
        };
    }
    return $out;
}

/** The text of $id with its {1}..{9} replaced by $args (the id itself when the catalogue lacks it). */
function ssat_catalogue_text(array $catalogue, string $id, array $args = []): string
{
    $text = $catalogue[$id] ?? $id;
    return preg_replace_callback('/\{([1-9])\}/', fn($m) => (string)($args[(int)$m[1] - 1] ?? ''), $text);
}
