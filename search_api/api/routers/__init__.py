"""Thin HTTP routers: validate parameters, call the shared service, return typed models."""
