// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToastProvider, useToast, type ToastKind } from '../../src/workspace/toasts';

let show: (text: string, kind?: ToastKind, topic?: string) => void = () => {};
function Grab() {
  show = useToast().show;
  return null;
}

afterEach(cleanup);

describe('toasts', () => {
  it('keep an error until a success of the same topic, and only those errors go', () => {
    render(
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <Grab />
      </ToastProvider>,
    );
    act(() => show('Say why this figure is off pace', 'error', 'act:run-1'));
    act(() => show('The draft could not be saved', 'error'));
    act(() => show('Saved as info', 'info'));
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    act(() => show('Check-in recorded', 'success', 'act:run-1'));
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
      expect.stringContaining('The draft could not be saved'),
    ]);
    expect(screen.getByText('Check-in recorded')).toBeTruthy();
    expect(screen.getByText('Saved as info')).toBeTruthy();
  });

  it('announce an error once: as an alert of its own, outside the polite region', () => {
    render(
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <Grab />
      </ToastProvider>,
    );
    act(() => show('Decision recorded', 'success'));
    act(() => show('The disk is full', 'error'));
    const region = screen.getByRole('region', { name: 'Notifications' });
    const alert = within(region).getByRole('alert');
    expect(alert.textContent).toContain('The disk is full');
    expect(alert.closest('[role="status"], [aria-live]')).toBeNull();
    expect(within(region).getByRole('status').textContent).toContain('Decision recorded');
    expect(within(region).getByRole('status').textContent).not.toContain('The disk is full');
  });

  it('replace the earlier toast of their topic rather than pile up', () => {
    render(
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <Grab />
      </ToastProvider>,
    );
    act(() => show('Roles of Wang Min updated', 'success', 'people'));
    act(() => show('Roles of Chen Jing updated', 'success', 'people'));
    act(() => show('Exported', 'success'));
    expect(screen.getByRole('status').textContent).not.toContain('Wang Min');
    expect(screen.getByText('Roles of Chen Jing updated')).toBeTruthy();
    expect(screen.getByText('Exported')).toBeTruthy();
  });
});

describe('a passing toast', () => {
  afterEach(() => vi.useRealTimers());

  it('leaves after six seconds, but not while the pointer or focus is on the toasts', () => {
    vi.useFakeTimers();
    render(
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <Grab />
      </ToastProvider>,
    );
    act(() => show('Check-in recorded', 'success'));
    const toasts = screen.getByRole('status');
    fireEvent.pointerEnter(toasts);
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByText('Check-in recorded')).toBeTruthy();
    fireEvent.pointerLeave(toasts);
    act(() => vi.advanceTimersByTime(6_100));
    expect(screen.queryByText('Check-in recorded')).toBeNull();
  });
});
