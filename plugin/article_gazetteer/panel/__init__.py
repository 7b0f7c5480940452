"""The article panel (dock widget) and its resolution store."""
