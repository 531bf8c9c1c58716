<#-- One const C array: table.comment, table.ctype, table.name, table.length, table.rows (pre-joined values). -->
/* ${table.comment} */
static const ${table.ctype} ${table.name}[${table.length}] = {
<#list table.rows as row>
    ${row}<#sep>,</#sep>
</#list>
};
