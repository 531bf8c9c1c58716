<#-- @ftlvariable name="project" type="io.pqkmcu.codegen.project.ProjectView" -->
/* ${project.headerText} */
