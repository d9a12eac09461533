/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkKpi: a boxed value; arrays of them are stage properties and are
 * replaced whole on every edit, which keeps undo a matter of swapping
 * arrays. */
#include "config.h"

#include "waymark-kpi.h"

G_DEFINE_BOXED_TYPE (WaymarkKpi, waymark_kpi, waymark_kpi_copy, waymark_kpi_free)

WaymarkKpi *
waymark_kpi_new (const char *name,
                 const char *value,
                 const char *target)
{
  WaymarkKpi *kpi = g_new0 (WaymarkKpi, 1);

  kpi->name = g_strdup (name ? name : "");
  kpi->value = g_strdup (value ? value : "");
  kpi->target = g_strdup (target ? target : "");
  return kpi;
}

WaymarkKpi *
waymark_kpi_copy (const WaymarkKpi *kpi)
{
  WaymarkKpi *copy;

  g_return_val_if_fail (kpi != NULL, NULL);

  copy = waymark_kpi_new (kpi->name, kpi->value, kpi->target);
  copy->extras = kpi->extras ? g_bytes_ref (kpi->extras) : NULL;
  return copy;
}

void
waymark_kpi_free (WaymarkKpi *kpi)
{
  if (kpi == NULL)
    return;
  g_free (kpi->name);
  g_free (kpi->value);
  g_free (kpi->target);
  g_clear_pointer (&kpi->extras, g_bytes_unref);
  g_free (kpi);
}

static gboolean
bytes_equal0 (GBytes *a,
              GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

gboolean
waymark_kpi_equal (const WaymarkKpi *a,
                   const WaymarkKpi *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->value, b->value) == 0 &&
         g_strcmp0 (a->target, b->target) == 0 &&
         bytes_equal0 (a->extras, b->extras);
}

GPtrArray *
waymark_kpi_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_kpi_free);
}

GPtrArray *
waymark_kpi_array_copy (GPtrArray *kpis)
{
  GPtrArray *copy = waymark_kpi_array_new ();

  for (guint i = 0; kpis != NULL && i < kpis->len; i++)
    g_ptr_array_add (copy, waymark_kpi_copy (g_ptr_array_index (kpis, i)));
  return copy;
}

gboolean
waymark_kpi_array_equal (GPtrArray *a,
                         GPtrArray *b)
{
  guint len_a = a ? a->len : 0;
  guint len_b = b ? b->len : 0;

  if (len_a != len_b)
    return FALSE;
  for (guint i = 0; i < len_a; i++)
    if (!waymark_kpi_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}
