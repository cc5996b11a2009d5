<?php
/*
 * Documents attached to a pupil's pack items (letters, meeting minutes, ...): PDF, PNG or JPEG, at most
 * PORTAL_UPLOAD_MAX bytes, the type taken from the content (finfo), never from the name or the browser.
 * They are stored under the data directory (outside the web root) by a random name, and served only
 * through document.php to users who may see the pupil, each view written to the access log.
 */
declare(strict_types=1);

const PORTAL_UPLOAD_MAX = 5 * 1024 * 1024;
const PORTAL_DOCUMENT_TYPES = ['application/pdf' => 'pdf', 'image/png' => 'png', 'image/jpeg' => 'jpg'];

/** The names of the pack's items ("letter[0]", "meeting[1]"), as the library names them. */
function pack_item_names(\Ssat\Pack $pack): array
{
    $seen = [];
    $names = [];
    foreach ($pack->items() as $item) {
        $k = $item['kind'];
        $seen[$k] = ($seen[$k] ?? -1) + 1;
        $names[] = $k . '[' . $seen[$k] . ']';
    }
    return $names;
}

/**
 * Store an uploaded file ($_FILES entry) for the pupil's pack item; returns its record. Throws
 * PortalError with what is wrong (413 too large, 415 not an accepted type, 422 otherwise).
 */
function store_document(array $pupil, string $item, mixed $file, string $by): array
{
    $cy = lang() === 'cy';
    if (!in_array($item, pack_item_names(load_pack($pupil['id'])), true)) {
        throw new PortalError(sprintf($cy ? 'Nid oes eitem “%s” ym mhecyn y disgybl.' : 'The pupil’s pack has no item “%s”.', $item), 422);
    }
    if (!is_array($file) || !is_int($file['error'] ?? null) || !is_string($file['tmp_name'] ?? null)) {
        throw new PortalError($cy ? 'Ni anfonwyd ffeil.' : 'No file was sent.', 422);
    }
    if (in_array($file['error'], [UPLOAD_ERR_INI_SIZE, UPLOAD_ERR_FORM_SIZE], true) || (int)$file['size'] > PORTAL_UPLOAD_MAX) {
        throw new PortalError(sprintf($cy ? 'Mae’r ffeil yn fwy na %d MB.' : 'The file is larger than %d MB.', PORTAL_UPLOAD_MAX >> 20), 413);
    }
    if ($file['error'] !== UPLOAD_ERR_OK || !is_uploaded_file($file['tmp_name']) || (int)$file['size'] === 0) {
        throw new PortalError($cy ? 'Ni chyrhaeddodd y ffeil yn gyfan: rhowch gynnig arall arni.' : 'The file did not arrive whole: try again.', 422);
    }
    $mime = (new finfo(FILEINFO_MIME_TYPE))->file($file['tmp_name']);
    if (!isset(PORTAL_DOCUMENT_TYPES[$mime])) {
        throw new PortalError(sprintf($cy ? 'Nid yw’r ffeil yn PDF, PNG na JPEG (mae ei chynnwys yn “%s”).'
                                          : 'The file is not a PDF, PNG or JPEG (its content is “%s”).', (string)$mime), 415);
    }
    $name = document_name(is_string($file['name'] ?? null) ? $file['name'] : '', PORTAL_DOCUMENT_TYPES[$mime]);
    $dir = ensure_dir(data_dir() . '/documents');
    $stored = bin2hex(random_bytes(24));
    if (!move_uploaded_file($file['tmp_name'], "$dir/$stored")) {
        throw new RuntimeException("cannot store an upload in $dir");
    }
    chmod("$dir/$stored", 0600);
    $record = ['pupil_id' => $pupil['id'], 'item' => $item, 'name' => $name, 'mime' => $mime, 'size' => (int)$file['size'],
               'sha256' => hash_file('sha256', "$dir/$stored"), 'stored' => $stored, 'uploaded_by' => $by, 'uploaded_at' => utc_now()];
    db()->prepare('INSERT INTO documents (pupil_id, item, name, mime, size, sha256, stored, uploaded_by, uploaded_at)'
                  . ' VALUES (:pupil_id, :item, :name, :mime, :size, :sha256, :stored, :uploaded_by, :uploaded_at)')
        ->execute(array_combine(array_map(static fn($k) => ":$k", array_keys($record)), $record));
    return $record + ['id' => (int)db()->lastInsertId()];
}

/** A file name to show and offer on download: the upload's last path part, plain text, with its type's extension. */
function document_name(string $name, string $ext): string
{
    $name = basename(str_replace('\\', '/', $name));
    $name = preg_replace('/[\x00-\x1F\x7F<>:"\/\\\\|?*]+/', '_', mb_safe($name, 120)) ?? '';
    $name = trim($name, ". \t");
    if ($name === '') {
        $name = 'document';
    }
    return preg_match('/\.' . $ext . '$/i', $name) ? $name : "$name.$ext";
}

/** The pupil's documents, newest first. */
function pupil_documents(string $pupil_id): array
{
    $q = db()->prepare('SELECT id, item, name, mime, size, uploaded_by, uploaded_at FROM documents WHERE pupil_id = ? ORDER BY id DESC');
    $q->execute([$pupil_id]);
    return $q->fetchAll();
}

/** A document's record, or null. */
function document_row(int $id): ?array
{
    $q = db()->prepare('SELECT * FROM documents WHERE id = ?');
    $q->execute([$id]);
    return $q->fetch() ?: null;
}
