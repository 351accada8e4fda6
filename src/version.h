/* version.h - the release number, shown by --version and in PDF metadata. */
#ifndef JB_VERSION_H
#define JB_VERSION_H

#define JB_VERSION "0.1.0"

#endif
