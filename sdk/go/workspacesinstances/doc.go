// Amazon WorkSpaces Instances: desktops with their billing mode (MONTHLY or HOURLY), volumes, attachments and instance-type lookups, from every Pulumi language.
package workspacesinstances
