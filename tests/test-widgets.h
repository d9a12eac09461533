/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding what a window shows, for the GTK tests. */
#pragma once

#include <adwaita.h>

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
