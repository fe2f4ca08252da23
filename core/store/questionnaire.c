/* core/store/questionnaire.c — writing questionnaires. The CSV's columns are
 * question,text,choices,answer: the importer's answers kind accepts text and
 * choices as optional columns, so the filled file imports unchanged. */
#include "questionnaire.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "escape.h"
#include "kind.h"

static void csv_field(smb_buf *out, const char *s)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);

	if (!f)
		return;
	smb_csv_write_field(f, s, ',');
	fclose(f);
	smb_buf_append(out, mem, len);
	free(mem);
}

int smb_questionnaire(const smb_registry *r, const char *industry, const char *area, const char *format, smb_buf *out)
{
	int md = strcmp(format, "md") == 0, n = 0;
	smb_escaper x = { .md = 1 };   /* the Markdown rendering's texts */

	if (!md && strcmp(format, "csv") != 0)
		return -1;
	if (md)
		smb_buf_printf(out, "# Questionnaire%s%s\n\nTick one answer per question.\n", area ? ": " : "", area ? area : "");
	else
		smb_buf_puts(out, "question,text,choices,answer\n");
	for (int a = 0; a < 5; a++) {
		int header = 0;
		if (area && strcmp(area, smb_areas[a]) != 0)
			continue;
		for (size_t i = 0; i < r->nmetrics; i++) {
			const smb_metric *m = &r->metrics[i];
			smb_buf choices;
			if (!m->question || m->area != a || !smb_metric_applies(m, industry))
				continue;
			n++;
			smb_buf_init(&choices);
			for (size_t k = 0; k < m->nchoices; k++)
				smb_buf_printf(&choices, md ? "%s- [ ] %s\n" : "%s%s=%g", md ? "" : k ? ";" : "", md ? smb_esc(&x, m->choices[k]) : m->choices[k],
				               m->choice_scores[k]);
			if (md) {
				if (!header++)
					smb_buf_printf(out, "\n## %c%s\n", smb_areas[a][0] - 'a' + 'A', smb_areas[a] + 1);
				smb_buf_printf(out, "\n**%d. %s** (`%s`)\n\n%s", n, smb_esc(&x, m->question), smb_esc(&x, m->key),
				               smb_buf_str(&choices));
			} else {
				csv_field(out, m->key);
				smb_buf_putc(out, ',');
				csv_field(out, m->question);
				smb_buf_putc(out, ',');
				csv_field(out, smb_buf_str(&choices));
				smb_buf_puts(out, ",\n");
			}
			smb_buf_free(&choices);
		}
	}
	smb_escaper_free(&x);
	return n;
}
