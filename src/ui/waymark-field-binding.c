/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "waymark-field-binding.h"

#define BINDING_KEY "waymark-field-binding"

typedef struct
{
  GtkWidget       *widget;   /* owns the binding (object data) */
  WaymarkDocument *document;
  GObject         *object;
  char            *property;
  gulong           notify_id;
  /* The widget, or a text view's buffer (referenced: the view may drop
   * it first when it goes). */
  GObject         *changed_instance;
  gulong           changed_id;
  gboolean         updating;
} Binding;

static GtkTextBuffer *
binding_buffer (Binding *binding)
{
  return GTK_IS_TEXT_VIEW (binding->widget)
         ? gtk_text_view_get_buffer (GTK_TEXT_VIEW (binding->widget)) : NULL;
}

static char *
binding_get_widget_text (Binding *binding)
{
  GtkTextBuffer *buffer = binding_buffer (binding);
  GtkTextIter start, end;

  if (buffer == NULL)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (binding->widget)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Shows text unless the field already does, keeping the cursor where it
 * was as far as the new text allows. */
static void
binding_set_widget_text (Binding    *binding,
                         const char *text)
{
  GtkTextBuffer *buffer = binding_buffer (binding);
  g_autofree char *current = binding_get_widget_text (binding);
  int length = (int) g_utf8_strlen (text, -1);

  if (g_strcmp0 (current, text) == 0)
    return;

  binding->updating = TRUE;
  if (buffer == NULL)
    {
      GtkEditable *editable = GTK_EDITABLE (binding->widget);
      int position = gtk_editable_get_position (editable);

      gtk_editable_set_text (editable, text);
      gtk_editable_set_position (editable, MIN (position, length));
    }
  else
    {
      GtkTextIter iter;
      int offset;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      offset = gtk_text_iter_get_offset (&iter);
      gtk_text_buffer_set_text (buffer, text, -1);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, MIN (offset, length));
      gtk_text_buffer_place_cursor (buffer, &iter);
    }
  binding->updating = FALSE;
}

static void
binding_show_value (Binding *binding)
{
  g_autofree char *value = NULL;

  if (binding->object != NULL)
    g_object_get (binding->object, binding->property, &value, NULL);
  binding_set_widget_text (binding, value != NULL ? value : "");
}

static void
object_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  Binding    *binding)
{
  binding_show_value (binding);
}

static void
widget_changed_cb (gpointer  widget_or_buffer,
                   Binding  *binding)
{
  g_autofree char *text = NULL;

  if (binding->updating || binding->object == NULL)
    return;
  text = binding_get_widget_text (binding);
  waymark_document_set_string (binding->document, binding->object, binding->property, text);
}

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  if (binding->object != NULL)
    g_clear_signal_handler (&binding->notify_id, binding->object);
  /* When the widget is being finalized its handlers are gone already. */
  if (binding->changed_instance != NULL
      && g_signal_handler_is_connected (binding->changed_instance, binding->changed_id))
    g_signal_handler_disconnect (binding->changed_instance, binding->changed_id);
  if (binding->changed_instance != G_OBJECT (binding->widget))
    g_clear_object (&binding->changed_instance);
  g_clear_object (&binding->object);
  g_clear_object (&binding->document);
  g_free (binding->property);
  g_free (binding);
}

/* A field being destroyed lets go of the document at once, and no
 * longer follows it. */
static void
widget_destroy_cb (GtkWidget *widget)
{
  g_object_set_data (G_OBJECT (widget), BINDING_KEY, NULL);
}

/* Leaving the field ends the burst of typing: the next edit is a new
 * undo step. */
static void
focus_leave_cb (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Binding *binding = g_object_get_data (G_OBJECT (widget), BINDING_KEY);

  if (binding != NULL && binding->document != NULL)
    waymark_history_break_coalescing (waymark_document_get_history (binding->document));
}

static void
bind (GtkWidget       *widget,
      WaymarkDocument *document,
      gpointer         object,
      const char      *property)
{
  Binding *binding;
  GtkTextBuffer *buffer;

  g_return_if_fail (object == NULL || WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (object == NULL || G_IS_OBJECT (object));
  g_return_if_fail (object == NULL || property != NULL);

  if (g_object_get_data (G_OBJECT (widget), "waymark-field-focus") == NULL)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), NULL);
      gtk_widget_add_controller (widget, focus);
      g_signal_connect (widget, "destroy", G_CALLBACK (widget_destroy_cb), NULL);
      g_object_set_data (G_OBJECT (widget), "waymark-field-focus", focus);
    }

  binding = g_new0 (Binding, 1);
  binding->widget = widget;
  /* Replaces (and frees) the previous binding first, so its handlers are
   * gone before this one shows its value. */
  g_object_set_data_full (G_OBJECT (widget), BINDING_KEY, binding, binding_free);

  if (object != NULL)
    {
      g_autofree char *signal = g_strconcat ("notify::", property, NULL);

      binding->document = g_object_ref (document);
      binding->object = g_object_ref (object);
      binding->property = g_strdup (property);
      binding->notify_id = g_signal_connect (object, signal, G_CALLBACK (object_notify_cb), binding);
    }
  binding_show_value (binding);

  buffer = binding_buffer (binding);
  /* The widget's own handlers go with it; a buffer is held. */
  binding->changed_instance = buffer != NULL ? g_object_ref (G_OBJECT (buffer)) : G_OBJECT (widget);
  binding->changed_id = g_signal_connect (binding->changed_instance, "changed",
                                          G_CALLBACK (widget_changed_cb), binding);
}

void
waymark_field_bind_editable (GtkEditable     *editable,
                             WaymarkDocument *document,
                             gpointer         object,
                             const char      *property)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  bind (GTK_WIDGET (editable), document, object, property);
}

void
waymark_field_bind_text_view (GtkTextView     *text_view,
                              WaymarkDocument *document,
                              gpointer         object,
                              const char      *property)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  bind (GTK_WIDGET (text_view), document, object, property);
}
