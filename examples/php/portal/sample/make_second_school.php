<?php
/*
 * The demonstration's second school, generated from the bundled sample school (examples/data) rather
 * than written by hand: php make_second_school.php SAMPLE_DIR OUT_DIR [PUPILS]
 *
 * It takes the first PUPILS pupils (default 500) of the sample, renumbers them W00001... (pupil ids are
 * unique across the authority), gives each the register of another sample pupil (a fixed permutation,
 * so the figures differ from the first school's) and another first name, and copies the terms and
 * closures. The output is four CSV files in the layouts the import reads.
 */
declare(strict_types=1);

function make_second_school(string $sample, string $out, int $count = 500): void
{
    $read = static function (string $file): array {
        $rows = array_map('str_getcsv', file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES));
        return [array_shift($rows), $rows];
    };
    [$reg_header, $registers] = $read("$sample/sample_school_2024.csv");
    [$pupil_header, $pupils] = $read("$sample/pupils_2024.csv");
    if ($reg_header !== ['pupil_id', 'start_date', 'marks'] || $pupil_header !== ['pupil_id', 'date_of_birth', 'name', 'year_group']) {
        throw new RuntimeException("$sample: not the sample school's layout");
    }
    $count = min($count, count($registers), count($pupils));
    $firsts = array_map(static fn($p) => explode(' ', $p[2], 2)[0], $pupils);
    if (!is_dir($out) && !@mkdir($out, 0700, true) && !is_dir($out)) {
        throw new RuntimeException("cannot create $out");
    }
    $csv = static function (array $fields): string {
        return implode(',', array_map(static fn($f) => preg_match('/[",\r\n]/', (string)$f) ? '"' . str_replace('"', '""', (string)$f) . '"' : (string)$f, $fields)) . "\n";
    };
    $reg_out = $csv($reg_header);
    $pupil_out = $csv($pupil_header);
    for ($i = 0; $i < $count; $i++) {
        $id = sprintf('W%05d', $i + 1);
        $source = $registers[($i * 7 + 3) % count($registers)];
        $reg_out .= $csv([$id, $source[1], $source[2]]);
        $p = $pupils[$i];
        $surname = explode(' ', $p[2], 2)[1] ?? '';
        $pupil_out .= $csv([$id, $p[1], trim($firsts[($i * 13 + 5) % count($firsts)] . ' ' . $surname), $p[3]]);
    }
    file_put_contents("$out/registers.csv", $reg_out);
    file_put_contents("$out/pupils.csv", $pupil_out);
    copy("$sample/terms_2024.csv", "$out/terms.csv");
    copy("$sample/closures_2024.csv", "$out/closures.csv");
}

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    if ($argc < 3) {
        fwrite(STDERR, "usage: php make_second_school.php SAMPLE_DIR OUT_DIR [PUPILS]\n");
        exit(2);
    }
    make_second_school($argv[1], $argv[2], (int)($argv[3] ?? 500));
}
