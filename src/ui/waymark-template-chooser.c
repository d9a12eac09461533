/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The "New Map" dialog and the template thumbnails it (and the start
 * page) shows. A thumbnail is drawn from the template's own file, so it
 * cannot drift from what the map will hold. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-palette.h"
#include "waymark-template-chooser.h"
#include "waymark-templates.h"

#define PREVIEW_WIDTH  112
#define PREVIEW_HEIGHT 72

/* ---- The thumbnail ---- */

struct _WaymarkTemplatePreview
{
  GtkWidget        parent_instance;

  WaymarkDocument *document;
};

G_DEFINE_FINAL_TYPE (WaymarkTemplatePreview, waymark_template_preview, GTK_TYPE_WIDGET)

static void
append_rounded (GtkSnapshot   *snapshot,
                float          x,
                float          y,
                float          width,
                float          height,
                float          radius,
                const GdkRGBA *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
waymark_template_preview_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  WaymarkTemplatePreview *self = WAYMARK_TEMPLATE_PREVIEW (widget);
  GListModel *stages;
  GListModel *lanes;
  GListModel *cards;
  guint n_stages;
  guint n_lanes;
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float pad = 6, header_w, header_h, col_w, row_h;
  GdkRGBA fg;
  GdkRGBA faint;
  GdkRGBA paper = { 1, 1, 1, 1 };
  GskRoundedRect outline;
  const float outline_widths[4] = { 1, 1, 1, 1 };

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  faint = fg;
  faint.alpha = 0.12f;

  /* A sheet of paper, light in both styles: it pictures a map. */
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    paper = (GdkRGBA) { 0.24f, 0.24f, 0.26f, 1 };
  append_rounded (snapshot, 0, 0, width, height, 6, &paper);
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 6);
  gtk_snapshot_append_border (snapshot, &outline, outline_widths,
                              (GdkRGBA[4]) { faint, faint, faint, faint });

  if (self->document == NULL)
    return;

  stages = waymark_document_get_stages (self->document);
  lanes = waymark_document_get_lanes (self->document);
  cards = waymark_document_get_cards (self->document);
  n_stages = g_list_model_get_n_items (stages);
  n_lanes = g_list_model_get_n_items (lanes);

  if (n_stages == 0 || n_lanes == 0)
    {
      /* Blank: an empty grid waiting to be filled. */
      for (guint i = 0; i < 3; i++)
        for (guint j = 0; j < 3; j++)
          append_rounded (snapshot,
                          pad + i * (width - 2 * pad) / 3 + 2,
                          pad + j * (height - 2 * pad) / 3 + 2,
                          (width - 2 * pad) / 3 - 4,
                          (height - 2 * pad) / 3 - 4,
                          2, &faint);
      return;
    }

  header_w = (width - 2 * pad) * 0.18f;
  header_h = 6;
  col_w = (width - 2 * pad - header_w) / n_stages;
  row_h = (height - 2 * pad - header_h - 2) / n_lanes;

  /* Stage headers. */
  for (guint i = 0; i < n_stages; i++)
    {
      GdkRGBA stage = fg;

      stage.alpha = 0.35f;
      append_rounded (snapshot, pad + header_w + i * col_w + 1, pad,
                      col_w - 2, header_h - 2, 1.5f, &stage);
    }

  for (guint j = 0; j < n_lanes; j++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, j);
      WaymarkLaneKind kind = waymark_lane_get_kind_enum (lane);
      const char *lane_id = waymark_lane_get_id (lane);
      float y = pad + header_h + 2 + j * row_h;
      WaymarkColor color;
      GdkRGBA strong;
      GdkRGBA band;

      waymark_lane_kind_get_color (kind, &color);
      strong = *(GdkRGBA *) &color;
      band = strong;
      band.alpha = 0.14f;

      /* The lane: a tinted band with its header strip. */
      append_rounded (snapshot, pad, y + 0.5f, width - 2 * pad, row_h - 1, 1.5f, &band);
      append_rounded (snapshot, pad + 1, y + 1.5f, header_w - 3, row_h - 3, 1, &strong);

      if (kind == WAYMARK_LANE_KIND_EMOTIONS)
        {
          /* The emotion curve through the cards' values. */
          float prev_x = -1, prev_y = 0;

          for (guint i = 0; i < n_stages; i++)
            {
              g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
              const char *stage_id = waymark_stage_get_id (stage);

              for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
                {
                  g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, c);
                  float cx, cy;

                  if (g_strcmp0 (waymark_card_get_stage (card), stage_id) != 0
                      || g_strcmp0 (waymark_card_get_lane (card), lane_id) != 0)
                    continue;
                  cx = pad + header_w + (i + 0.5f) * col_w;
                  cy = y + row_h / 2 - waymark_card_get_emotion (card) * (row_h - 4) / 4;
                  append_rounded (snapshot, cx - 1.5f, cy - 1.5f, 3, 3, 1.5f, &strong);
                  if (prev_x >= 0)
                    {
                      /* A line of dots between the points: no paths in GTK 4.8. */
                      for (guint k = 1; k < 6; k++)
                        {
                          float t = k / 6.0f;

                          append_rounded (snapshot,
                                          prev_x + (cx - prev_x) * t - 0.75f,
                                          prev_y + (cy - prev_y) * t - 0.75f,
                                          1.5f, 1.5f, 0.75f, &strong);
                        }
                    }
                  prev_x = cx;
                  prev_y = cy;
                  break;
                }
            }
          continue;
        }

      /* A card where a cell holds any. */
      for (guint i = 0; i < n_stages; i++)
        {
          g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
          const char *stage_id = waymark_stage_get_id (stage);

          for (guint c = 0; c < g_list_model_get_n_items (cards); c++)
            {
              g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, c);
              GdkRGBA block = strong;

              if (g_strcmp0 (waymark_card_get_stage (card), stage_id) != 0
                  || g_strcmp0 (waymark_card_get_lane (card), lane_id) != 0)
                continue;
              block.alpha = 0.55f;
              append_rounded (snapshot, pad + header_w + i * col_w + 2, y + 2,
                              col_w - 4, row_h - 4, 1.5f, &block);
              break;
            }
        }
    }
}

static void
waymark_template_preview_dispose (GObject *object)
{
  WaymarkTemplatePreview *self = WAYMARK_TEMPLATE_PREVIEW (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (waymark_template_preview_parent_class)->dispose (object);
}

static void
waymark_template_preview_class_init (WaymarkTemplatePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_template_preview_dispose;
  widget_class->snapshot = waymark_template_preview_snapshot;
  gtk_widget_class_set_css_name (widget_class, "waymark-template-preview");
  /* A picture of what the name next to it says. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
waymark_template_preview_init (WaymarkTemplatePreview *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), PREVIEW_WIDTH, PREVIEW_HEIGHT);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
waymark_template_preview_new (const char *template_id)
{
  WaymarkTemplatePreview *self = g_object_new (WAYMARK_TYPE_TEMPLATE_PREVIEW, NULL);
  g_autoptr(GError) error = NULL;

  self->document = waymark_templates_load (template_id, &error);
  if (self->document == NULL)
    g_warning ("No preview of the template “%s”: %s", template_id, error->message);
  return GTK_WIDGET (self);
}

/* ---- The dialog ---- */

struct _WaymarkTemplateChooser
{
  AdwWindow       parent_instance;

  GtkListBox     *list;
  GtkWidget      *create_button;

  GtkApplication *application;
};

G_DEFINE_FINAL_TYPE (WaymarkTemplateChooser, waymark_template_chooser, ADW_TYPE_WINDOW)

const char *
waymark_template_chooser_row_get_id (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), "waymark-template-id");
}

static void
choose (WaymarkTemplateChooser *self,
        GtkListBoxRow          *row)
{
  g_autoptr(GtkApplication) application = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *id;

  if (row == NULL || self->application == NULL)
    return;

  application = g_object_ref (self->application);
  /* A static string of the template table. */
  id = waymark_template_chooser_row_get_id (row);
  /* Closed first, so that the new map's window ends up on top. */
  gtk_window_destroy (GTK_WINDOW (self));
  waymark_application_new_from_template (WAYMARK_APPLICATION (application), id, parent);
}

static void
row_activated_cb (WaymarkTemplateChooser *self,
                  GtkListBoxRow          *row)
{
  choose (self, row);
}

static void
create_clicked_cb (WaymarkTemplateChooser *self)
{
  choose (self, gtk_list_box_get_selected_row (self->list));
}

static GtkWidget *
create_row (const WaymarkTemplate *template)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (_(template->name));
  GtkWidget *description = gtk_label_new (_(template->description));

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 9);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), waymark_template_preview_new (template->id));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), description);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "waymark-template-id", (gpointer) template->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(template->name),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(template->description),
                                  -1);
  return row;
}

static void
waymark_template_chooser_dispose (GObject *object)
{
  WaymarkTemplateChooser *self = WAYMARK_TEMPLATE_CHOOSER (object);

  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_TEMPLATE_CHOOSER);

  G_OBJECT_CLASS (waymark_template_chooser_parent_class)->dispose (object);
}

static void
waymark_template_chooser_class_init (WaymarkTemplateChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_template_chooser_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-template-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkTemplateChooser, list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkTemplateChooser, create_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
waymark_template_chooser_init (WaymarkTemplateChooser *self)
{
  GtkListBoxRow *first;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < waymark_templates_get_n_items (); i++)
    gtk_list_box_append (self->list, create_row (waymark_templates_get_item (i)));

  first = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_list_box_select_row (self->list, first);
  /* Enter creates the first template straight away. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (first));
}

GtkWidget *
waymark_template_chooser_new (GtkApplication *application,
                              GtkWindow      *parent)
{
  WaymarkTemplateChooser *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (WAYMARK_TYPE_TEMPLATE_CHOOSER,
                       "transient-for", parent,
                       NULL);
  self->application = g_object_ref (application);
  return GTK_WIDGET (self);
}

GtkListBox *
waymark_template_chooser_get_list (WaymarkTemplateChooser *self)
{
  g_return_val_if_fail (WAYMARK_IS_TEMPLATE_CHOOSER (self), NULL);

  return self->list;
}
