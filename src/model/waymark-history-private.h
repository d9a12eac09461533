/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the document tells its history: commands are applied by the
 * document, then handed here to be undone and redone later. */
#pragma once

#include "waymark-history.h"

G_BEGIN_DECLS

typedef struct _WaymarkCommand      WaymarkCommand;
typedef struct _WaymarkCommandClass WaymarkCommandClass;

struct _WaymarkCommandClass
{
  void     (*apply)  (WaymarkCommand *command, gpointer document);
  void     (*revert) (WaymarkCommand *command, gpointer document);
  void     (*free)   (WaymarkCommand *command);
  /* Folds next (already applied) into command; optional. */
  gboolean (*merge)  (WaymarkCommand *command, WaymarkCommand *next);
};

struct _WaymarkCommand
{
  const WaymarkCommandClass *klass;
  /* Translated, static: names the step in "Undo …". */
  const char                *label;
};

/* Called after every change of the history's state: undo, redo, push
 * (content_changed TRUE), save point or clear (FALSE). */
typedef void (*WaymarkHistoryChangedFunc) (gpointer document,
                                           gboolean content_changed);

WaymarkHistory *waymark_history_new          (gpointer                  document,
                                              WaymarkHistoryChangedFunc changed);
/* Takes the command, which the caller has already applied. */
void            waymark_history_push         (WaymarkHistory *self,
                                              WaymarkCommand *command);
void            waymark_command_free         (WaymarkCommand *command);
gboolean        waymark_history_is_at_saved  (WaymarkHistory *self);
void            waymark_history_set_saved    (WaymarkHistory *self);
void            waymark_history_set_unsaved  (WaymarkHistory *self);
guint64         waymark_history_checkpoint   (WaymarkHistory *self);
void            waymark_history_set_saved_at (WaymarkHistory *self,
                                              guint64         checkpoint);
gboolean        waymark_history_is_replaying (WaymarkHistory *self);

G_END_DECLS
