/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding what a window shows, for the GTK tests. */
#pragma once

#include <adwaita.h>

#include "test-gtk.h"

/* The first label below widget (or widget itself) reading text. */
static inline GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible message dialog over parent, if any. */
static inline AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The first button below widget (or widget itself) labelled label. */
static inline GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks a response button as a user would: the dialog answers and
 * closes (adw_message_dialog_response() alone leaves it open). */
static inline void
click_response (AdwMessageDialog *dialog,
                const char       *response)
{
  GtkWidget *button = find_button_with_label (GTK_WIDGET (dialog),
                                              adw_message_dialog_get_response_label (dialog, response));

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  drain_main_context ();
}
