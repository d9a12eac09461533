/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkHistory: two stacks of commands. Each entry carries a serial
 * number, so "is this the state on disk?" is one comparison, however the
 * user got there. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "waymark-history-private.h"

typedef struct
{
  WaymarkCommand  parent;
  GPtrArray      *commands;
} GroupCommand;

typedef struct
{
  WaymarkCommand *command;
  guint64         serial;
} Entry;

struct _WaymarkHistory
{
  GObject                   parent_instance;
  gpointer                  document;
  WaymarkHistoryChangedFunc changed;
  GArray                   *undo;   /* of Entry */
  GArray                   *redo;   /* of Entry */
  GPtrArray                *groups; /* open GroupCommands, outermost first */
  guint64                   next_serial;
  guint64                   saved_serial;
  guint                     can_merge : 1;
  guint                     replaying : 1;
};

G_DEFINE_FINAL_TYPE (WaymarkHistory, waymark_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define NO_SERIAL G_MAXUINT64

static void
group_apply (WaymarkCommand *command,
             gpointer        document)
{
  GroupCommand *group = (GroupCommand *) command;

  for (guint i = 0; i < group->commands->len; i++)
    {
      WaymarkCommand *child = g_ptr_array_index (group->commands, i);
      child->klass->apply (child, document);
    }
}

static void
group_revert (WaymarkCommand *command,
              gpointer        document)
{
  GroupCommand *group = (GroupCommand *) command;

  for (guint i = group->commands->len; i > 0; i--)
    {
      WaymarkCommand *child = g_ptr_array_index (group->commands, i - 1);
      child->klass->revert (child, document);
    }
}

static void
group_free (WaymarkCommand *command)
{
  GroupCommand *group = (GroupCommand *) command;

  g_ptr_array_unref (group->commands);
  g_free (group);
}

static const WaymarkCommandClass group_class = {
  group_apply, group_revert, group_free, NULL,
};

void
waymark_command_free (WaymarkCommand *command)
{
  if (command != NULL)
    command->klass->free (command);
}

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->command, waymark_command_free);
}

static void
waymark_history_finalize (GObject *object)
{
  WaymarkHistory *self = (WaymarkHistory *) object;

  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->redo, g_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_history_parent_class)->finalize (object);
}

static void
waymark_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WaymarkHistory *self = WAYMARK_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, waymark_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, waymark_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, waymark_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, waymark_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_history_class_init (WaymarkHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = waymark_history_finalize;
  object_class->get_property = waymark_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_history_init (WaymarkHistory *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->undo, clear_entry);
  self->redo = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->redo, clear_entry);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_command_free);
  self->next_serial = 1;
  self->saved_serial = 0;
}

WaymarkHistory *
waymark_history_new (gpointer                  document,
                     WaymarkHistoryChangedFunc changed)
{
  WaymarkHistory *self = g_object_new (WAYMARK_TYPE_HISTORY, NULL);

  self->document = document;
  self->changed = changed;
  return self;
}

static guint64
current_serial (WaymarkHistory *self)
{
  if (self->undo->len == 0)
    return 0;
  return g_array_index (self->undo, Entry, self->undo->len - 1).serial;
}

/* Tells the document and the property listeners; old_* are the values
 * before the change, so notify fires only when something did change. */
static void
emit_changed (WaymarkHistory *self,
              gboolean        old_can_undo,
              gboolean        old_can_redo,
              gboolean        content_changed)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (old_can_undo != waymark_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (old_can_redo != waymark_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));

  if (self->changed != NULL)
    self->changed (self->document, content_changed);
}

void
waymark_history_push (WaymarkHistory *self,
                      WaymarkCommand *command)
{
  gboolean old_can_undo, old_can_redo;
  Entry entry;

  g_return_if_fail (WAYMARK_IS_HISTORY (self));
  g_return_if_fail (command != NULL);
  g_return_if_fail (!self->replaying);

  if (self->groups->len > 0)
    {
      GroupCommand *group = g_ptr_array_index (self->groups, self->groups->len - 1);

      if (group->parent.label == NULL)
        group->parent.label = command->label;
      g_ptr_array_add (group->commands, command);
      if (self->changed != NULL)
        self->changed (self->document, TRUE);
      return;
    }

  old_can_undo = waymark_history_get_can_undo (self);
  old_can_redo = waymark_history_get_can_redo (self);
  g_array_set_size (self->redo, 0);

  if (self->can_merge && self->undo->len > 0)
    {
      Entry *top = &g_array_index (self->undo, Entry, self->undo->len - 1);

      /* Never fold an edit into the step the file was saved at: undoing
       * back to the saved state must stay possible. */
      if (top->serial != self->saved_serial &&
          top->command->klass == command->klass &&
          top->command->klass->merge != NULL &&
          top->command->klass->merge (top->command, command))
        {
          waymark_command_free (command);
          emit_changed (self, old_can_undo, old_can_redo, TRUE);
          return;
        }
    }

  entry.command = command;
  entry.serial = self->next_serial++;
  g_array_append_val (self->undo, entry);
  self->can_merge = TRUE;
  emit_changed (self, old_can_undo, old_can_redo, TRUE);
}

void
waymark_history_begin_group (WaymarkHistory *self,
                             const char     *label)
{
  GroupCommand *group;

  g_return_if_fail (WAYMARK_IS_HISTORY (self));

  group = g_new0 (GroupCommand, 1);
  group->parent.klass = &group_class;
  group->parent.label = label;
  group->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_command_free);
  g_ptr_array_add (self->groups, group);
}

void
waymark_history_end_group (WaymarkHistory *self)
{
  GroupCommand *group;
  WaymarkCommand *command;

  g_return_if_fail (WAYMARK_IS_HISTORY (self));
  g_return_if_fail (self->groups->len > 0);

  group = g_ptr_array_steal_index (self->groups, self->groups->len - 1);
  if (group->commands->len == 0)
    {
      group_free (&group->parent);
      return;
    }

  /* A one-command group is that command; a gesture still starts a step
   * of its own (later typing may fold into it). */
  if (group->commands->len == 1 && self->groups->len == 0)
    {
      command = g_ptr_array_steal_index (group->commands, 0);
      if (group->parent.label != NULL)
        command->label = group->parent.label;
      group_free (&group->parent);
      self->can_merge = FALSE;
    }
  else
    {
      command = &group->parent;
      self->can_merge = FALSE;
    }

  waymark_history_push (self, command);
  if (command == &group->parent)
    self->can_merge = FALSE;
}

void
waymark_history_break_coalescing (WaymarkHistory *self)
{
  g_return_if_fail (WAYMARK_IS_HISTORY (self));
  self->can_merge = FALSE;
}

static gboolean
move_entry (WaymarkHistory *self,
            GArray         *from,
            GArray         *to,
            gboolean        undo)
{
  gboolean old_can_undo, old_can_redo;
  Entry entry;

  g_return_val_if_fail (self->groups->len == 0, FALSE);
  if (from->len == 0)
    return FALSE;

  old_can_undo = waymark_history_get_can_undo (self);
  old_can_redo = waymark_history_get_can_redo (self);

  entry = g_array_index (from, Entry, from->len - 1);
  /* Steal the entry so the clear function does not free the command. */
  g_array_index (from, Entry, from->len - 1).command = NULL;
  g_array_set_size (from, from->len - 1);

  self->replaying = TRUE;
  if (undo)
    entry.command->klass->revert (entry.command, self->document);
  else
    entry.command->klass->apply (entry.command, self->document);
  self->replaying = FALSE;

  g_array_append_val (to, entry);
  self->can_merge = FALSE;
  emit_changed (self, old_can_undo, old_can_redo, TRUE);
  return TRUE;
}

gboolean
waymark_history_undo (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), FALSE);
  return move_entry (self, self->undo, self->redo, TRUE);
}

gboolean
waymark_history_redo (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), FALSE);
  return move_entry (self, self->redo, self->undo, FALSE);
}

gboolean
waymark_history_get_can_undo (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
waymark_history_get_can_redo (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

const char *
waymark_history_get_undo_label (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return g_array_index (self->undo, Entry, self->undo->len - 1).command->label;
}

const char *
waymark_history_get_redo_label (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return g_array_index (self->redo, Entry, self->redo->len - 1).command->label;
}

guint
waymark_history_get_n_undo (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), 0);
  return self->undo->len;
}

guint
waymark_history_get_n_redo (WaymarkHistory *self)
{
  g_return_val_if_fail (WAYMARK_IS_HISTORY (self), 0);
  return self->redo->len;
}

void
waymark_history_clear (WaymarkHistory *self)
{
  gboolean old_can_undo, old_can_redo, was_saved;

  g_return_if_fail (WAYMARK_IS_HISTORY (self));
  g_return_if_fail (self->groups->len == 0);

  old_can_undo = waymark_history_get_can_undo (self);
  old_can_redo = waymark_history_get_can_redo (self);
  was_saved = waymark_history_is_at_saved (self);
  g_array_set_size (self->undo, 0);
  g_array_set_size (self->redo, 0);
  self->saved_serial = was_saved ? 0 : NO_SERIAL;
  self->can_merge = FALSE;
  emit_changed (self, old_can_undo, old_can_redo, FALSE);
}

gboolean
waymark_history_is_at_saved (WaymarkHistory *self)
{
  return current_serial (self) == self->saved_serial;
}

void
waymark_history_set_saved (WaymarkHistory *self)
{
  self->saved_serial = current_serial (self);
  self->can_merge = FALSE;
  if (self->changed != NULL)
    self->changed (self->document, FALSE);
}

guint64
waymark_history_checkpoint (WaymarkHistory *self)
{
  /* The next edit must be a step of its own, or typing after the
   * checkpoint would hide inside the step that was saved. */
  self->can_merge = FALSE;
  return current_serial (self);
}

void
waymark_history_set_saved_at (WaymarkHistory *self,
                              guint64         checkpoint)
{
  self->saved_serial = checkpoint;
  if (self->changed != NULL)
    self->changed (self->document, FALSE);
}

void
waymark_history_set_unsaved (WaymarkHistory *self)
{
  self->saved_serial = NO_SERIAL;
  if (self->changed != NULL)
    self->changed (self->document, FALSE);
}

gboolean
waymark_history_is_replaying (WaymarkHistory *self)
{
  return self->replaying;
}
