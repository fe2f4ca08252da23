/* core/store/kind.h — dataset kinds: the CSV shapes the importer accepts. A kind
 * is a table of column specs, so plugins add kinds without importer code. */
#ifndef SMB_KIND_H
#define SMB_KIND_H

#include "error.h"
#include "smbopt/plugin.h"

typedef struct smb_column {
	char *name;
	smb_coltype type;
	int required;
} smb_column;

typedef struct smb_kind {
	char *name;
	char *description;
	smb_column *cols;
	size_t ncols;
	char *origin;            /* "core" or the plugin's name */
} smb_kind;

typedef struct smb_kindset {
	smb_kind *v;
	size_t n;
} smb_kindset;

/* The core kinds: metrics (long form) and answers. The wide metrics form
 * (period,<metric>,<metric>...) is recognised by smb_kind_detect. */
int smb_kindset_init(smb_kindset *ks, smb_err *e);
int smb_kindset_add(smb_kindset *ks, const smb_kind_def *def, const char *origin, smb_err *e);
const smb_kind *smb_kindset_find(const smb_kindset *ks, const char *name);
void smb_kindset_free(smb_kindset *ks);
const char *smb_coltype_name(smb_coltype t);

/* How a header was read: the kind, whether it is the wide metrics form, and
 * for each file column the kind's column index. */
typedef struct smb_header_map {
	const smb_kind *kind;
	int wide;
	size_t ncols;            /* columns in the file */
	int *col;                /* file column -> kind column (-1 for wide metric columns) */
} smb_header_map;

/* Detects (or, with forced != NULL, checks) the kind of a header. On error
 * *badcol is the 0-based file column the message is about. */
int smb_kind_detect(const smb_kindset *ks, char *const *header, size_t n,
                    const char *forced, smb_header_map *map, size_t *badcol, smb_err *e);
void smb_header_map_free(smb_header_map *m);

/* "area.name": area one of the five, name [a-z0-9_]+ (at most 64). */
int smb_metric_key_valid(const char *key);
/* The five areas, in the order reports show them. */
extern const char *const smb_areas[5];
int smb_area_index(const char *area);   /* -1 when not an area */

#endif
