"""``localwire users …``: accounts and API tokens made from the command line, for the operator.

``users add NAME`` makes a reader, moderator or operator; ``users token NAME`` prints one new API token
on a line by itself and nothing else on standard output, so ``TOKEN=$(localwire users token ann)``
works in a script. Exit codes as for ``feeds``: 0 done; 1 refused (a name or address taken, an unknown
user, a password the site's rules turn down); 2 a usage error. Every refusal is one line on standard
error. The writes go through ``community.actions``, like the account pages'.
"""

from __future__ import annotations

import argparse
import sys

FAILED, USAGE_ERROR = 1, 2
DEFAULT_LABEL = "command line"


def add_parsers(sub) -> None:
    """Declare ``users`` on the ``localwire`` parser's sub-commands."""
    p = sub.add_parser("users", help="add accounts and issue API tokens")
    usub = p.add_subparsers(dest="users_command", required=True)
    a = usub.add_parser("add", help="add an account: a reader, moderator or operator")
    a.add_argument("name", metavar="NAME", help="the user name, as on the sign-up page")
    a.add_argument("--email", default="", help="for password resets; without one, only an operator can reset it")
    a.add_argument("--role", default="reader", help="reader (default), moderator or operator (staff, the admin)")
    a.add_argument("--password-stdin", action="store_true", dest="password_stdin",
                   help="read the password from standard input; without it the account has no usable "
                        "password until a reset sets one")
    t = usub.add_parser("token", help="issue a new API token for a user and print it")
    t.add_argument("name", metavar="NAME", help="the user the token is for")
    t.add_argument("--label", default=DEFAULT_LABEL, help=f"what the token is for (default {DEFAULT_LABEL!r})")
    p.set_defaults(func=users_command)


def users_command(args: argparse.Namespace) -> int:
    password = None
    if getattr(args, "password_stdin", False):
        password = sys.stdin.read().removesuffix("\n").removesuffix("\r")
        if not password:
            return _fail("add", "--password-stdin read an empty password", USAGE_ERROR)
    from localwire.boot import setup_django

    setup_django()
    from localwire.community import actions  # its models need Django set up first

    try:
        if args.users_command == "token":
            print(actions.issue_token(args.name, args.label))
            return 0
        user = actions.create_account(args.name, email=args.email, role=args.role, password=password)
    except actions.AccountRefused as exc:
        return _fail(args.users_command, str(exc))
    print(f"users add: {user.get_username()} added as {args.role}"
          + ("" if password is not None else " (no password yet: a reset sets one)"))
    return 0


def _fail(command: str, message: str, code: int = FAILED) -> int:
    print(f"localwire users {command}: {message}", file=sys.stderr)
    return code
