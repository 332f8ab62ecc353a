"""Recovery shares and the recovery ceremony in the app (issue 15).

``Vault → Recovery shares…`` (:mod:`.shares`): this vault's set, setting one up
(:mod:`.setup`: colleagues, paper shares shown once), the shares held for colleagues, and
answering a colleague's recovery request (:mod:`.respond`, only to a safety number the
custodian typed). At unlock (:mod:`.ceremony`): "Recover with colleagues…" writes the
one-time request, "Complete recovery…" opens the vault with the responses and paper words.
The core decides everything (``reg.recovery``, ``Registry.request_recovery``,
``Registry.recover``); these dialogs ask and show.
"""
