"""Attachments of cases, requests and their steps: upload (several at once, with progress),
versions, listing and download as attachments only."""
