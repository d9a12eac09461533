/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: one WaymarkWindow per open map, the app-wide actions
 * (new window, open, about, quit) and their keyboard shortcuts. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_APPLICATION (waymark_application_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkApplication, waymark_application, WAYMARK, APPLICATION, AdwApplication)

WaymarkApplication *waymark_application_new         (void);

/* Presents the window that already shows file (or is opening it);
 * otherwise loads it into the active window when that holds an empty,
 * untouched new map, or into a new window. Returns that window. */
GtkWindow          *waymark_application_open_file   (WaymarkApplication *self,
                                                     GFile              *file);
/* As waymark_application_open_file(), but current (the window the user
 * acted in, or NULL) takes the file when it shows the start page. */
GtkWindow          *waymark_application_open_file_for (WaymarkApplication *self,
                                                       GFile              *file,
                                                       GtkWindow          *current);
/* A new window showing the start page, presented. */
GtkWindow          *waymark_application_new_window  (WaymarkApplication *self);
/* A new untitled map from a template (waymark-templates.h), in current
 * when it shows the start page, else in a new window; presented.
 * Actions: app.new-map opens the template chooser, and
 * app.new-from-template("id") does this in the active window. */
GtkWindow          *waymark_application_new_from_template (WaymarkApplication *self,
                                                           const char         *template_id,
                                                           GtkWindow          *current);

/* Waymark's settings, or NULL when the schema is not installed: GSettings
 * aborts on a schema it cannot find, and an uninstalled build (or a
 * broken installation) should just remember nothing. */
GSettings          *waymark_settings_new_or_null    (void);

/* Text as one line, for titles and headings: newlines and tabs become
 * spaces, and the ends are trimmed (transfer full). */
char               *waymark_dup_one_line            (const char         *text);

G_END_DECLS
