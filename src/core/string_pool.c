/* string_pool.c - interned strings in large blocks (string_pool.h). */
#include "string_pool.h"

#include <stdint.h>
#include <string.h>

#include "util.h"

#define BLOCK_SIZE 65536

struct pool_block {
	struct pool_block *next;
	size_t used, size;
	char data[];
};

struct pool_entry {
	const char *s;            /* NULL: free slot */
	size_t len;
	uint64_t hash;
};

struct string_pool {
	struct pool_block *blocks;     /* the newest first */
	struct pool_entry *table;      /* open addressing, a power of 2 long */
	size_t cap, count;
};

struct string_pool *string_pool_new(void)
{
	struct string_pool *p = xcalloc(1, sizeof(*p));
	p->cap = 1024;
	p->table = xcalloc(p->cap, sizeof(*p->table));
	return p;
}

void string_pool_free(struct string_pool *p)
{
	if (!p)
		return;
	for (struct pool_block *b = p->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p->table);
	free(p);
}

/* FNV-1a, 64 bits. */
/* Eight bytes at a time (the pool hashes every evidence line of every
 * container), then mixed so that the low bits the table uses depend on
 * all of them. */
static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3u;
		h ^= h >> 32;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return h;
}

static char *pool_alloc(struct string_pool *p, size_t n)
{
	struct pool_block *b = p->blocks;
	if (!b || b->size - b->used < n) {
		/* A string larger than a block gets a block of its own, behind
		 * the current one so the current one's free space stays usable. */
		size_t size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		struct pool_block *nb = xmalloc(sizeof(*nb) + size);
		nb->used = 0;
		nb->size = size;
		if (b && size != BLOCK_SIZE) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			p->blocks = nb;
		}
		b = nb;
	}
	char *s = b->data + b->used;
	b->used += n;
	return s;
}

static void grow(struct string_pool *p)
{
	size_t cap = p->cap * 2;
	struct pool_entry *t = xcalloc(cap, sizeof(*t));
	for (size_t i = 0; i < p->cap; i++) {
		if (!p->table[i].s)
			continue;
		size_t k = (size_t)p->table[i].hash & (cap - 1);
		while (t[k].s)
			k = (k + 1) & (cap - 1);
		t[k] = p->table[i];
	}
	free(p->table);
	p->table = t;
	p->cap = cap;
}

const char *string_pool_intern(struct string_pool *p, const char *s, size_t len)
{
	uint64_t h = hash_bytes(s, len);
	size_t k = (size_t)h & (p->cap - 1);
	for (; p->table[k].s; k = (k + 1) & (p->cap - 1)) {
		const struct pool_entry *e = &p->table[k];
		if (e->hash == h && e->len == len && memcmp(e->s, s, len) == 0)
			return e->s;
	}
	char *copy = pool_alloc(p, len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->table[k] = (struct pool_entry){ copy, len, h };
	if (++p->count * 2 > p->cap)
		grow(p);
	return copy;
}

/* Printable ASCII comes out of the sanitizers as it went in.  Eight bytes
 * at a time: a byte below 0x20 borrows, one of 0x7F or more carries into
 * (or has) its high bit; a carry or borrow can only mark a byte above one
 * already marked, so "any" is exact. */
static bool plain_ascii(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if ((((w - ones * 0x20) & ~w) | (w + ones) | w) & high)
			return false;
	}
	for (; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F)
			return false;
	return true;
}

static const char *clean(struct string_pool *p, const char *s, char *(*sanitize)(const char *))
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	if (plain_ascii(s, len))
		return string_pool_intern(p, s, len);
	char *c = sanitize(s);
	const char *r = string_pool_intern(p, c, strlen(c));
	free(c);
	return r;
}

static char *sanitize_keep_newlines(const char *s)
{
	return utf8_sanitize(s, (size_t)-1);
}

const char *string_pool_clean_line(struct string_pool *p, const char *s)
{
	return clean(p, s, utf8_sanitize_line);
}

const char *string_pool_clean(struct string_pool *p, const char *s)
{
	return clean(p, s, sanitize_keep_newlines);
}
