/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A key performance indicator shown on a stage: a name, a value and a
 * target, all strings on purpose (the map shows them, it does not compute). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_KPI (waymark_kpi_get_type ())

typedef struct _WaymarkKpi WaymarkKpi;

struct _WaymarkKpi
{
  char   *name;
  char   *value;
  char   *target;
  /* Unknown members as read from a file, opaque to the model. */
  GBytes *extras;
};

GType       waymark_kpi_get_type (void) G_GNUC_CONST;
WaymarkKpi *waymark_kpi_new      (const char       *name,
                                  const char       *value,
                                  const char       *target);
WaymarkKpi *waymark_kpi_copy     (const WaymarkKpi *kpi);
void        waymark_kpi_free     (WaymarkKpi       *kpi);
gboolean    waymark_kpi_equal    (const WaymarkKpi *a,
                                  const WaymarkKpi *b);

/* A GPtrArray of WaymarkKpi with waymark_kpi_free as its free function. */
GPtrArray  *waymark_kpi_array_new   (void);
GPtrArray  *waymark_kpi_array_copy  (GPtrArray *kpis);
gboolean    waymark_kpi_array_equal (GPtrArray *a,
                                     GPtrArray *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkKpi, waymark_kpi_free)

G_END_DECLS
