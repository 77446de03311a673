// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The Linux-style command line: runtime options, `--`, the app's
// arguments (rt/cmdline.h). Linux passes words it does not know to init;
// here everything before `--` is the runtime's, which keeps the rule one
// line long.

#include <rt/cmdline.h>
#include <rt/errno.h>
#include <rt/string.h>

static bool
cmdline_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
cmdline_split(char *buf, char **opts, int max_opts, int *nopts, char **args,
              int max_args, int *nargs)
{
	// Dropping quotes only ever shortens a word, so the words are
	// written back at w, never ahead of r, which reads.
	char *r = buf, *w = buf, *word;
	bool in_args = false, quoted, in_quote;

	*nopts = 0;
	*nargs = 0;
	for (;;) {
		while (cmdline_space(*r))
			r++;
		if (*r == '\0')
			return 0;
		word = w;
		quoted = false;
		in_quote = false;
		for (; *r != '\0' && (in_quote || !cmdline_space(*r)); r++) {
			if (*r == '"') {
				in_quote = !in_quote;
				quoted = true;
			} else {
				*w++ = *r;
			}
		}
		if (*r != '\0')
			r++;
		*w++ = '\0';
		if (!in_args && !quoted && strcmp(word, "--") == 0) {
			in_args = true;
		} else if (in_args) {
			if (*nargs >= max_args)
				return -E2BIG;
			args[(*nargs)++] = word;
		} else {
			if (*nopts >= max_opts)
				return -E2BIG;
			opts[(*nopts)++] = word;
		}
	}
}

const char *
cmdline_option(char *const *opts, int nopts, const char *key)
{
	size_t n = strlen(key);
	const char *value = NULL;

	for (int i = 0; i < nopts; i++) {
		if (strncmp(opts[i], key, n) != 0)
			continue;
		if (opts[i][n] == '=')
			value = opts[i] + n + 1;
		else if (opts[i][n] == '\0')
			value = opts[i] + n;
	}
	return value;
}
