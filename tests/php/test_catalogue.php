<?php
// po/catalogue.php: the catalogues read from PHP give the library's own texts in each language.
require __DIR__ . '/support.php';
require __DIR__ . '/../../po/catalogue.php';

$po = __DIR__ . '/../../po';
$en = ssat_catalogue($po, 'en');
$cy = ssat_catalogue($po, 'cy');
$both = ssat_catalogue($po, 'cy+en');
check_same(array_keys($en), array_keys($cy), 'the same ids in both languages');
check(count($en) > 600, 'every entry is read');
check_same('Attendance registration certificate', $en['certificate.title'], 'English');
check_same('Tystysgrif cofrestru presenoldeb', $cy['certificate.title'], 'Welsh');
check_same('Tystysgrif cofrestru presenoldeb / Attendance registration certificate', $both['certificate.title'],
           'bilingual label, Welsh first');
check_same("Cadw defod grefyddol", $cy['code.wales_2010.r'], 'code labels are in the catalogue');
check_same('Gorffennaf', $cy['date.month.7'], 'month names');
// the library's own rendering agrees with the catalogue
check_same(\Ssat\categoryName(SSAT_CATEGORY_UNAUTHORISED, SSAT_LANG_CY), $cy['category.unauthorised'],
           'the same Welsh as the library');
check_same(\Ssat\categoryName(SSAT_CATEGORY_UNAUTHORISED, SSAT_LANG_CY_EN), $both['category.unauthorised'],
           'the same bilingual label as the library');
check_same('Achos disgybl P00001 (polisi carmarthenshire)',
           ssat_catalogue_text($cy, 'tool.case.title', ['P00001', 'carmarthenshire']), 'placeholders');
check_same('Tymor: "Michaelmas" \\ 1', ssat_catalogue_text($cy, 'certificate.term.other', ['"Michaelmas" \\ 1']),
           'arguments are not re-escaped');
check_same("Nid oes colofn \"date\" yn y pennawd: mae angen y colofnau a,b ar y ffeil hon",
           ssat_catalogue_text($cy, 'import.header', ['date', 'a,b']), 'escaped quotes in the catalogue');
check_same('no.such.id', ssat_catalogue_text($cy, 'no.such.id'), 'an unknown id');
check_throws('InvalidArgumentException', fn() => ssat_catalogue($po, 'fr'));
done();
