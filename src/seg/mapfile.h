/* SPDX-License-Identifier: MIT */
/*
 * mapfile.h - what the lexicon and model loaders share: mapping a file
 * whole, read-only, and reading the section table both formats use (24-byte
 * entries: u32 id, u32 reserved, u64 offset, u64 size; docs/lexicon-format.md,
 * docs/model-format.md).  Not API.
 */
#ifndef ZN_SEG_MAPFILE_H
#define ZN_SEG_MAPFILE_H

#include <stddef.h>
#include <stdint.h>

/* Section-table entries are this many bytes. */
#define ZN_SECTION_ENTRY_SIZE 24

/* Maps path whole.  0 with *map and *len set (unmap with zn__unmap_file), or
 * ZN_ENOENT / ZN_EACCES / ZN_EIO (not a regular file, mmap failed) or
 * ZN_EFORMAT (empty), with the reason in errmsg. */
int zn__map_file(const char *path, void **map, size_t *len, char *errmsg,
                 size_t cap);
void zn__unmap_file(void *map, size_t len);

/* Checks the header both formats open with: magic (8 bytes), u32 format
 * version, u32 byte-order mark 0x01020304, u64 recorded file size, u32
 * section count (into *n_sections).  kind names the format in messages
 * ("lexicon", "model"), remake says how to remake an old file.  0 or
 * ZN_EFORMAT with the reason in errmsg. */
int zn__check_header(const uint8_t *m, size_t len, size_t hdr,
                     const char *magic, uint32_t version, const char *kind,
                     const char *remake, uint32_t *n_sections, char *errmsg,
                     size_t cap);

/* Reads n entries of the section table that follows a header of hdr bytes
 * at the start of m[0..len): sec[id] and size[id] for every id in
 * 1..max_id-1 (unknown ids are skipped, so formats can grow).  0 or
 * ZN_EFORMAT ("bad section table", "section outside the file"). */
int zn__read_sections(const uint8_t *m, size_t len, size_t hdr, uint32_t n,
                      size_t max_id, const uint8_t **sec, uint64_t *size,
                      char *errmsg, size_t cap);

#endif /* ZN_SEG_MAPFILE_H */
