/**
 * Python environments: interpreters and their tags, PEP 405 virtualenvs, installed
 * distributions, the wheel installer and uninstaller, the sync planner and the PEP 517 frontend.
 */
package dev.pinwheel.env;
