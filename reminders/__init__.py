"""Reminders: who is owed which e-mail, and sending each one once.

Two steps, each safe to run any number of times, from any number of processes at once:

- ``plan_reminders(now)`` writes one ``Reminder`` row per occasion that has come (a meeting
  digest, a deadline reminder, the coordinator's summary). The row's ``key`` says what it is
  for and is unique, so planning twice creates nothing.
- ``send_due_reminders(now)`` claims each due row with a conditional UPDATE (a lease), builds
  the e-mail from the data as it is now, sends it and marks it sent. A failed send releases
  the claim with a later ``next_attempt_at``; a sender that dies lets its lease run out. Either
  way the reminder is tried again until it is sent or no longer applies.

The one window no SMTP client can close, a sender killed after the server accepted a message
and before "sent" was committed, resends it once, with the same deterministic Message-ID.
"""
