/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's side panels: the persona panel on the left, the pain
 * points and the details (inspector) on the right, both AdwFlaps that sit
 * beside the canvas on a wide window and fold into overlays on a narrow
 * one; the find bar over the canvas; and the persona focus shown in the
 * header bar. What the user chose to show, and the panels' widths, are
 * remembered in GSettings. */
#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-find-bar.h"
#include "waymark-inspector.h"
#include "waymark-notes-panel.h"
#include "waymark-persona-panel.h"
#include "waymark-window-private.h"

typedef struct
{
  AdwFlap    *flap;
  AdwClamp   *clamp;
  const char *visible_key;
  const char *width_key;
  /* +1 when dragging the handle right widens the panel, -1 otherwise. */
  int         direction;
} Panel;

static Panel
get_panel (WaymarkWindow *self,
           gboolean       persona)
{
  if (persona)
    return (Panel) { self->persona_flap, self->persona_clamp, "persona-panel-visible", "persona-panel-width", 1 };
  return (Panel) { self->side_flap, self->side_clamp, "side-panel-visible", "side-panel-width", -1 };
}

/* ---- Showing and hiding ---- */

gboolean
waymark_window_get_panel_visible (WaymarkWindow *self,
                                  gboolean       persona)
{
  AdwFlap *flap = get_panel (self, persona).flap;

  /* Asked for by the property action before the template is built and
   * after it is disposed. */
  return flap != NULL && adw_flap_get_reveal_flap (flap);
}

/* The user's choice. It is remembered only while the window is wide
 * enough for the panel to sit beside the map: opening an overlay on a
 * narrow window is for the moment. */
void
waymark_window_set_panel_visible (WaymarkWindow *self,
                                  gboolean       persona,
                                  gboolean       visible)
{
  Panel panel = get_panel (self, persona);

  if (panel.flap == NULL)
    return;
  adw_flap_set_reveal_flap (panel.flap, visible);
  if (self->settings != NULL && !adw_flap_get_folded (panel.flap))
    g_settings_set_boolean (self->settings, panel.visible_key, visible);
}

static void flap_progress_cb (AdwFlap       *flap,
                              GParamSpec    *pspec,
                              WaymarkWindow *self);

/* The flaps are locked, so folding does not hide them by itself: a
 * folded flap starts hidden (it would cover the map), and unfolding
 * brings back what the user chose. */
static void
flap_folded_cb (AdwFlap       *flap,
                GParamSpec    *pspec,
                WaymarkWindow *self)
{
  gboolean persona = flap == self->persona_flap;
  Panel panel = get_panel (self, persona);

  if (adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, FALSE);
  else if (self->settings != NULL)
    adw_flap_set_reveal_flap (flap, g_settings_get_boolean (self->settings, panel.visible_key));
  flap_progress_cb (flap, NULL, self);
}

/* A hidden panel is made invisible once it has slid away: the flap
 * would otherwise measure it at every layout of the window (each edit of
 * a large map), which cost more than the map itself (bench-panels). */
static void
flap_progress_cb (AdwFlap       *flap,
                  GParamSpec    *pspec,
                  WaymarkWindow *self)
{
  GtkWidget *sidebar = adw_flap_get_flap (flap);

  /* Not while folded, though: a flap with an invisible child needs no
   * room, so it would unfold, show the panel again, fold, and so on at
   * every frame. */
  if (adw_flap_get_reveal_flap (flap) || adw_flap_get_folded (flap))
    gtk_widget_set_visible (sidebar, TRUE);
  else if (adw_flap_get_reveal_progress (flap) <= 0.0)
    gtk_widget_set_visible (sidebar, FALSE);
}

static void
flap_reveal_cb (AdwFlap       *flap,
                GParamSpec    *pspec,
                WaymarkWindow *self)
{
  flap_progress_cb (flap, NULL, self);
  g_object_notify (G_OBJECT (self), flap == self->persona_flap ? "persona-panel-visible" : "side-panel-visible");
}

/* ---- Widths ---- */

/* The clamp keeps a panel from asking for more than its width: the flap
 * would give it its natural width. */
static void
apply_width (WaymarkWindow *self,
             gboolean       persona,
             int            width)
{
  Panel panel = get_panel (self, persona);

  gtk_widget_set_size_request (GTK_WIDGET (panel.clamp), width, -1);
  adw_clamp_set_maximum_size (panel.clamp, width);
  adw_clamp_set_tightening_threshold (panel.clamp, width);
}

/* Which panel a handle's gesture resizes. */
static gboolean
handle_is_persona (WaymarkWindow  *self,
                   GtkGestureDrag *gesture)
{
  return gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)) == self->persona_handle;
}

/* The setting's range for the panel's width, read once per drag. */
/* The range the schema gives integer key, when settings has one: *min
 * and *max are left alone otherwise. */
static void
get_int_range (GSettings  *settings,
               const char *key_name,
               int        *min,
               int        *max)
{
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  const char *type;

  if (settings == NULL)
    return;
  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, key_name);
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(&sv)", &type, &limits);
  if (g_str_equal (type, "range"))
    g_variant_get (limits, "(ii)", min, max);
}

static void
handle_drag_begin_cb (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      WaymarkWindow  *self)
{
  Panel panel = get_panel (self, handle_is_persona (self, gesture));

  self->drag_start_width = gtk_widget_get_width (GTK_WIDGET (panel.clamp));
  self->drag_min_width = 260;
  self->drag_max_width = 720;
  get_int_range (self->settings, panel.width_key, &self->drag_min_width, &self->drag_max_width);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The width the handle was dragged to, within the setting's range and
 * leaving the map at least a third of the window. */
static int
dragged_width (WaymarkWindow *self,
               gboolean       persona,
               double         dx)
{
  int direction = get_panel (self, persona).direction;
  int width = self->drag_start_width + (int) (direction * dx);
  int limit = gtk_widget_get_width (GTK_WIDGET (self)) * 2 / 3;
  int lo = self->drag_min_width;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    width = self->drag_start_width - (int) (direction * dx);
  return CLAMP (width, lo, MAX (lo, MIN (self->drag_max_width, limit)));
}

static void
handle_drag_update_cb (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       WaymarkWindow  *self)
{
  gboolean persona = handle_is_persona (self, gesture);

  apply_width (self, persona, dragged_width (self, persona, dx));
}

static void
handle_drag_end_cb (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    WaymarkWindow  *self)
{
  gboolean persona = handle_is_persona (self, gesture);
  int width = dragged_width (self, persona, dx);

  apply_width (self, persona, width);
  if (self->settings != NULL)
    g_settings_set_int (self->settings, get_panel (self, persona).width_key, width);
}

static void
setup_handle (WaymarkWindow *self,
              GtkWidget     *handle)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_cursor_from_name (handle, "col-resize");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (handle_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (handle_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (handle_drag_end_cb), self);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
}

/* ---- Details and persona focus ---- */

void
waymark_window_show_details (WaymarkWindow *self,
                             gpointer       object)
{
  adw_view_stack_set_visible_child_name (self->side_stack, "details");
  waymark_window_set_panel_visible (self, FALSE, TRUE);
  waymark_inspector_show (WAYMARK_INSPECTOR (self->inspector), object);
  gtk_widget_child_focus (self->inspector, GTK_DIR_TAB_FORWARD);
}

static void
details_requested_cb (WaymarkCanvas *canvas,
                      GObject       *object,
                      WaymarkWindow *self)
{
  waymark_window_show_details (self, object);
}

/* The header bar says whose journey the map is focused on, and its
 * button (or Escape) ends the focus. A focused persona that is deleted
 * ends it too. */
static void
update_focus (WaymarkWindow *self)
{
  WaymarkCanvas *canvas = WAYMARK_CANVAS (self->map_view);
  const char *id = waymark_canvas_get_persona_focus (canvas);
  WaymarkPersona *persona = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const char *name;

  if (id != NULL && self->document != NULL)
    {
      persona = waymark_document_lookup_persona (self->document, id);
      if (persona == NULL)
        {
          waymark_canvas_set_persona_focus (canvas, NULL);
          return;
        }
    }
  gtk_widget_set_visible (self->focus_button, persona != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-persona-focus", persona != NULL);
  if (persona == NULL)
    return;

  name = waymark_persona_get_name (persona);
  if (name[0] == '\0')
    name = _("Unnamed persona");
  /* Translators: shown in the header bar while the map is focused on
   * one persona; %s is the persona's name. */
  label = g_strdup_printf (_("Focus: %s"), name);
  /* Translators: what the focus button in the header bar does. */
  description = g_strdup_printf (_("Stop focusing on %s"), name);
  gtk_label_set_text (GTK_LABEL (self->focus_label), label);
  gtk_widget_set_tooltip_text (self->focus_button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->focus_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

/* The panels follow the window's document. Its "changed" handler (which
 * the window drops with its others when the document goes) keeps the
 * persona focus right. */
void
waymark_window_panels_set_document (WaymarkWindow   *self,
                                    WaymarkDocument *document)
{
  g_signal_connect_object (document, "changed", G_CALLBACK (update_focus), self, G_CONNECT_SWAPPED);
  waymark_persona_panel_set_document (WAYMARK_PERSONA_PANEL (self->persona_panel), document);
  waymark_notes_panel_set_document (WAYMARK_NOTES_PANEL (self->notes_panel), document);
  waymark_inspector_set_document (WAYMARK_INSPECTOR (self->inspector), document);
  update_focus (self);
}

/* ---- Actions ---- */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  waymark_find_bar_open (WAYMARK_FIND_BAR (self->find_bar));
}

static void
clear_persona_focus_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  waymark_canvas_set_persona_focus (WAYMARK_CANVAS (self->map_view), NULL);
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  /* The canvas knows what is focused; it answers with
   * "details-requested". */
  gtk_widget_activate_action (self->map_view, "canvas.details", NULL);
}

void
waymark_window_panels_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (WAYMARK_TYPE_FIND_BAR);
  g_type_ensure (WAYMARK_TYPE_INSPECTOR);
  g_type_ensure (WAYMARK_TYPE_NOTES_PANEL);
  g_type_ensure (WAYMARK_TYPE_PERSONA_PANEL);

  gtk_widget_class_install_property_action (widget_class, "win.show-personas", "persona-panel-visible");
  gtk_widget_class_install_property_action (widget_class, "win.show-side-panel", "side-panel-visible");
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.clear-persona-focus", NULL, clear_persona_focus_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, show_details_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-personas", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_CONTROL_MASK, "win.show-side-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  /* Reached only when nothing focused used Escape (the canvas clears its
   * selection first). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.clear-persona-focus", NULL);
}

/* New windows open at the size of the last one closed, as in Text
 * Editor. GTK keeps the default size at the window's size while the user
 * resizes it, unmaximized. */
void
waymark_window_save_size (WaymarkWindow *self)
{
  int width = 0;
  int height = 0;
  int min_width = 0, max_width = G_MAXINT;
  int min_height = 0, max_height = G_MAXINT;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  /* Within the schema's ranges (the window's own minimum). */
  get_int_range (self->settings, "window-width", &min_width, &max_width);
  get_int_range (self->settings, "window-height", &min_height, &max_height);
  if (width > 0)
    g_settings_set_int (self->settings, "window-width", CLAMP (width, min_width, max_width));
  if (height > 0)
    g_settings_set_int (self->settings, "window-height", CLAMP (height, min_height, max_height));
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

void
waymark_window_panels_init (WaymarkWindow *self)
{
  WaymarkCanvas *canvas = WAYMARK_CANVAS (self->map_view);

  self->settings = waymark_settings_new_or_null ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  adw_flap_set_locked (self->persona_flap, TRUE);
  adw_flap_set_locked (self->side_flap, TRUE);
  /* Before the flaps are revealed, so the toggles' states follow. */
  g_signal_connect (self->persona_flap, "notify::folded", G_CALLBACK (flap_folded_cb), self);
  g_signal_connect (self->side_flap, "notify::folded", G_CALLBACK (flap_folded_cb), self);
  g_signal_connect (self->persona_flap, "notify::reveal-flap", G_CALLBACK (flap_reveal_cb), self);
  g_signal_connect (self->side_flap, "notify::reveal-flap", G_CALLBACK (flap_reveal_cb), self);
  g_signal_connect (self->persona_flap, "notify::reveal-progress", G_CALLBACK (flap_progress_cb), self);
  g_signal_connect (self->side_flap, "notify::reveal-progress", G_CALLBACK (flap_progress_cb), self);
  if (self->settings != NULL)
    {
      apply_width (self, TRUE, g_settings_get_int (self->settings, "persona-panel-width"));
      apply_width (self, FALSE, g_settings_get_int (self->settings, "side-panel-width"));
      adw_flap_set_reveal_flap (self->persona_flap, g_settings_get_boolean (self->settings, "persona-panel-visible"));
      adw_flap_set_reveal_flap (self->side_flap, g_settings_get_boolean (self->settings, "side-panel-visible"));
      g_settings_bind (self->settings, "side-panel-page", self->side_stack, "visible-child-name", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      apply_width (self, TRUE, 320);
      apply_width (self, FALSE, 380);
    }
  flap_progress_cb (self->persona_flap, NULL, self);
  flap_progress_cb (self->side_flap, NULL, self);
  setup_handle (self, self->persona_handle);
  setup_handle (self, self->side_handle);

  waymark_persona_panel_set_canvas (WAYMARK_PERSONA_PANEL (self->persona_panel), canvas);
  waymark_notes_panel_set_canvas (WAYMARK_NOTES_PANEL (self->notes_panel), canvas);
  waymark_inspector_set_canvas (WAYMARK_INSPECTOR (self->inspector), canvas);
  waymark_find_bar_set_canvas (WAYMARK_FIND_BAR (self->find_bar), canvas);
  g_signal_connect_object (canvas, "details-requested", G_CALLBACK (details_requested_cb), self, 0);
  g_signal_connect_object (canvas, "notify::persona-focus", G_CALLBACK (update_focus), self, G_CONNECT_SWAPPED);
  update_focus (self);
}

void
waymark_window_panels_dispose (WaymarkWindow *self)
{
  g_clear_object (&self->settings);
}
